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
 * @param parents  the carers whose relationship the record states as mother or father, empty when it states none
 *                 (a path that reads carers' names only passes none: no comparison of roles is then made)
 * @param nhsNumber the child's NHS number as the record carries it, null when it carries none (or the path does not
 *                 read it)
 * @param sources   the sources that know the child by a record id of their own: for an incoming record its own source
 *                 (when it sends a record id), for a stored child the sources of its {@code SOURCE_ID}s; empty when
 *                 the path has not read them
 */
public record MatchRecord(String givenNames, String familyName, String preferredName,
                          List<FormerName> formerNames, LocalDate dateOfBirth, Gender gender,
                          String postcode, List<String> carers, List<Parent> parents, String nhsNumber,
                          Set<String> sources) {

    /** A parent the record names in a stated role: the child has one mother and one father on a record. */
    public enum Role { MOTHER, FATHER;

        /** The role a feed's relationship states ("Mother", "mum", "Birth father"), or null when it is not one. */
        public static Role of(String relationship) {
            if (relationship == null) {
                return null;
            }
            String r = relationship.trim().toLowerCase(java.util.Locale.ROOT);
            return switch (r) {
                case "mother", "mum", "mom", "birth mother" -> MOTHER;
                case "father", "dad", "birth father" -> FATHER;
                default -> null;
            };
        }
    }

    /** A carer named in a role, e.g. (MOTHER, "Sarah Smith"). */
    public record Parent(Role role, String name) {
    }

    public MatchRecord {
        formerNames = formerNames == null ? List.of() : List.copyOf(formerNames);
        carers = carers == null ? List.of()
                : carers.stream().filter(name -> name != null && !name.isBlank()).toList();
        parents = parents == null ? List.of()
                : parents.stream().filter(p -> p != null && p.role() != null && p.name() != null
                        && !p.name().isBlank()).toList();
        nhsNumber = tenDigits(nhsNumber);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
    }

    /** A record whose sources are not known (see {@link #sources}). */
    public MatchRecord(String givenNames, String familyName, String preferredName, List<FormerName> formerNames,
                       LocalDate dateOfBirth, Gender gender, String postcode, List<String> carers,
                       List<Parent> parents, String nhsNumber) {
        this(givenNames, familyName, preferredName, formerNames, dateOfBirth, gender, postcode, carers, parents,
                nhsNumber, Set.of());
    }

    /** The number's digits when there are ten of them, else null (a record is built for every candidate scored). */
    private static String tenDigits(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(10);
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits.length() == 10) {
                    return null;
                }
                digits.append(c);
            }
        }
        return digits.length() == 10 ? digits.toString() : null;
    }

    /** A record that names its carers without their roles and carries no NHS number. */
    public MatchRecord(String givenNames, String familyName, String preferredName, List<FormerName> formerNames,
                       LocalDate dateOfBirth, Gender gender, String postcode, List<String> carers) {
        this(givenNames, familyName, preferredName, formerNames, dateOfBirth, gender, postcode, carers, List.of(),
                null);
    }

    /** The same record with the roles of its carers and its NHS number (null: none). */
    public MatchRecord withParentsAndNhsNumber(List<Parent> parents, String nhsNumber) {
        return new MatchRecord(givenNames, familyName, preferredName, formerNames, dateOfBirth, gender, postcode,
                carers, parents, nhsNumber, sources);
    }

    /** The same record with the sources that know the child by a record id of their own. */
    public MatchRecord withSources(Set<String> sources) {
        return new MatchRecord(givenNames, familyName, preferredName, formerNames, dateOfBirth, gender, postcode,
                carers, parents, nhsNumber, sources);
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
