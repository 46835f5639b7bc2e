package org.contactpoint.identity.domain.matching;

import org.contactpoint.identity.domain.FormerName;
import org.contactpoint.identity.domain.Gender;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields a record is matched on, from an incoming source record or a stored child.
 *
 * @param postcode in normal form ("EC1R 4SR") or null when there is no known address
 * @param carers   the names of the child's parents and carers as the record gives them ("Sarah Smith"), empty when
 *                 it names none
 */
public record MatchRecord(String givenNames, String familyName, String preferredName,
                          List<FormerName> formerNames, LocalDate dateOfBirth, Gender gender,
                          String postcode, List<String> carers) {

    public MatchRecord {
        formerNames = formerNames == null ? List.of() : List.copyOf(formerNames);
        carers = carers == null ? List.of()
                : carers.stream().filter(name -> name != null && !name.isBlank()).toList();
    }

    /** A record that names no parent or carer. */
    public MatchRecord(String givenNames, String familyName, String preferredName, List<FormerName> formerNames,
                       LocalDate dateOfBirth, Gender gender, String postcode) {
        this(givenNames, familyName, preferredName, formerNames, dateOfBirth, gender, postcode, List.of());
    }

    /** The first given name in normal form: the name a child is usually known and recorded by. */
    public String firstGivenName() {
        List<String> tokens = Names.tokens(givenNames);
        return tokens.isEmpty() ? "" : tokens.get(0);
    }

    /** Every given name the child is or was known by: all given names, the preferred name, alias given names. */
    public Set<String> allGivenNames() {
        Set<String> names = new LinkedHashSet<>(Names.tokens(givenNames));
        names.addAll(Names.tokens(preferredName));
        for (FormerName former : formerNames) {
            names.addAll(Names.tokens(former.givenNames()));
        }
        return names;
    }

    /** Every family name the child is or was known by, each as one word. */
    public Set<String> allFamilyNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(Names.compact(familyName));
        for (FormerName former : formerNames) {
            if (former.familyName() != null && !former.familyName().isBlank()) {
                names.add(Names.compact(former.familyName()));
            }
        }
        names.remove("");
        return names;
    }

    /** The first given names the child is known by (blocking uses first names only, middle names vary too much). */
    List<String> firstGivenNames() {
        List<String> names = new ArrayList<>();
        names.add(firstGivenName());
        List<String> preferred = Names.tokens(preferredName);
        if (!preferred.isEmpty()) {
            names.add(preferred.get(0));
        }
        for (FormerName former : formerNames) {
            List<String> tokens = Names.tokens(former.givenNames());
            if (!tokens.isEmpty()) {
                names.add(tokens.get(0));
            }
        }
        names.remove("");
        return names;
    }
}
