package org.contactpoint.support.rest;

import org.contactpoint.support.domain.ExpectedVersion;
import org.contactpoint.support.domain.StaleVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an If-Match header lets through: the version a client read, and nothing it did not name. */
class EntityTagsTest {

    @Test
    void aRecordsTagIsItsVersionQuoted() {
        assertThat(EntityTags.of(7)).isEqualTo("\"7\"");
        assertThat(EntityTags.ifMatch(EntityTags.of(7)).matches(7)).isTrue();
    }

    @Test
    void withoutIfMatchOrWithAStarAnyVersionWillDo() {
        assertThat(EntityTags.ifMatch(null)).isEqualTo(ExpectedVersion.ANY);
        assertThat(EntityTags.ifMatch("  ")).isEqualTo(ExpectedVersion.ANY);
        assertThat(EntityTags.ifMatch("*").matches(42)).isTrue();
    }

    @Test
    void anOlderVersionIsRefusedAsStale() {
        ExpectedVersion expected = EntityTags.ifMatch("\"3\"");
        assertThat(expected.matches(4)).isFalse();
        assertThatThrownBy(() -> expected.require(4, "Child CP0000000001"))
                .isInstanceOf(StaleVersion.class).hasMessageContaining("version 4");
    }

    @Test
    void anyOfSeveralTagsMatches() {
        ExpectedVersion expected = EntityTags.ifMatch("\"3\", \"5\" ,\"8\"");
        assertThat(expected.matches(5)).isTrue();
        assertThat(expected.matches(8)).isTrue();
        assertThat(expected.matches(4)).isFalse();
    }

    @Test
    void weakOrUnreadableTagsMatchNothing() {
        assertThat(EntityTags.ifMatch("W/\"3\"").matches(3)).isFalse();
        assertThat(EntityTags.ifMatch("3").matches(3)).isFalse();
        assertThat(EntityTags.ifMatch("\"3\" junk").matches(3)).isFalse();
        assertThat(EntityTags.ifMatch("\"abc\"").matches(3)).isFalse();
    }
}
