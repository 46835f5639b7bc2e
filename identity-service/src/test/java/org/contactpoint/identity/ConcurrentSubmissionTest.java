package org.contactpoint.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.identity.Scenario.FEED;
import static org.contactpoint.identity.Scenario.as;
import static org.contactpoint.identity.Scenario.record;

/**
 * Issue 18 item 4: the same new child submitted by two sources at the same moment becomes one child. Each pair of
 * records is sent at once from two threads (released together by a barrier) and must end as one child: one
 * {@code CREATED}, the other {@code LINKED} to it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConcurrentSubmissionTest {

    @Test
    void theSameNewChildFromTwoSourcesAtOnceIsOneChild() throws Exception {
        String[] given = {"Oluwaseun", "Gwenllian", "Bartosz", "Mehreen", "Cathal", "Yusra", "Xiaoling", "Tadhg"};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < given.length; i++) {
                String dob = "2014-0" + (i + 1) + "-1" + i;
                ObjectNode health = record(given[i], "Concurrent", dob, "SW9 8JX", "HEALTH_DEMOGRAPHICS", "CC-H-" + i);
                ObjectNode school = record(given[i], "Concurrent", dob, "SW9 8JX", "SCHOOL_CENSUS", "CC-S-" + i);
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<String>> answers = new ArrayList<>();
                for (ObjectNode submitted : List.of(health, school)) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            together.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return as(FEED).body(submitted.toString()).post("/source-records").then()
                                .extract().path("contactPointId");
                    }, pool));
                }
                Set<String> ids = new HashSet<>();
                for (CompletableFuture<String> answer : answers) {
                    ids.add(answer.get());
                }
                assertThat(ids).as("children made of %s's two records", given[i]).hasSize(1).doesNotContainNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
