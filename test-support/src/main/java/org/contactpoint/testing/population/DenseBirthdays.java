package org.contactpoint.testing.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hard evaluation set for matching (issue 18 item 2): children born on a few birthdays at England's density
 * (1,650 a birthday), each with known truth, and second records of some of them from other sources carrying the
 * errors real feeds make. Deterministic by seed. Plain Java with no dependency, so a service's test and the bench
 * ({@code deploy/bench}, compiled with plain javac) can both use it.
 * <p>
 * The new children include the cases that make a matcher link two different children: unrelated children with the
 * same name and birthday (common names at this density, and forced ones in the same district), twins (same family
 * name, birthday and address), and siblings (same family name and address, another birthday of the set). Names come
 * from the communities England's children come from, with their transliteration variants. The second records carry:
 * the same details, a move, an ambiguous nickname (Sam, Alex, Jo, Charlie), a typo (on the first letter too), a
 * transliteration variant, the wrong sex, missing fields, a changed family name, one half of a hyphenated or
 * double-barrelled name; an NHS number is present in some sources and absent in others.
 * <p>
 * Every record names the child's parents as its source would: a health record nearly always the mother, a school or
 * council one or two contacts; a second source names the same people with the differences real feeds have (one of
 * them only, a shortened given name, the mother under another family name). Twins and siblings share their parents;
 * namesakes born the same day have parents of their own. The carers are drawn from a random stream of their own, so
 * the children, their kinds and their errors are the ones the set had before carers were added.
 */
public final class DenseBirthdays {

    /** About 600,000 births a year: 1,650 children share each birthday in England. */
    public static final int NATIONAL_DENSITY = 1650;

    /** Sources: health records carry the NHS number, the others only sometimes. */
    public static final String HEALTH = "HEALTH_DEMOGRAPHICS";
    private static final String[] OTHER_SOURCES = {"SCHOOL_CENSUS", "EARLY_YEARS", "SOCIAL_CARE"};

    /**
     * One source record with its truth.
     *
     * @param child  the true child's key: two records with the same key are the same child
     * @param kind   for a new child: NEW, TWIN, SIBLING, SAME_NAME_AND_BIRTHDAY; for a second record: what was
     *               changed (EXACT, MOVED, NICKNAME, FIRST_LETTER_TYPO, TYPO, TRANSLITERATION, WRONG_SEX,
     *               MISSING_FIELDS, CHANGED_FAMILY_NAME, HYPHENATED)
     * @param gender MALE or FEMALE (NOT_SPECIFIED when missing)
     * @param postcode null when the source has no address
     * @param nhsNumber null when the source does not record it
     * @param carers    the child's parents and carers as this source names them (empty when it names none): a
     *                  health record nearly always the mother, a school or council one or two contacts
     */
    public record SourceRecord(String source, String sourceId, String child, String community, String kind,
                               String givenNames, String familyName, LocalDate dateOfBirth, String gender,
                               String postcode, String nhsNumber, String localAuthority, List<Carer> carers) {

        public SourceRecord {
            carers = carers == null ? List.of() : List.copyOf(carers);
        }

        /** A record naming no carer (as the set was before carers were added). */
        public SourceRecord(String source, String sourceId, String child, String community, String kind,
                            String givenNames, String familyName, LocalDate dateOfBirth, String gender,
                            String postcode, String nhsNumber, String localAuthority) {
            this(source, sourceId, child, community, kind, givenNames, familyName, dateOfBirth, gender, postcode,
                    nhsNumber, localAuthority, List.of());
        }
    }

    /**
     * A parent or carer as a source names them.
     *
     * @param relationship Mother or Father
     */
    public record Carer(String givenName, String familyName, String relationship) {

        /** The name as a source records it: given name, then family name. */
        public String name() {
            return givenName + " " + familyName;
        }
    }

    /**
     * @param newChildren  every child once, in the order a register would meet them (each a new child)
     * @param duplicates   second records of some of them, from another source
     */
    public record Evaluation(List<SourceRecord> newChildren, List<SourceRecord> duplicates) {
    }

    private record Community(String name, int weight, String[][] boys, String[][] girls, String[][] families) {
    }

    private static final String[] LOCAL_AUTHORITIES = {"E08000025", "E08000035", "E08000003", "E06000023",
            "E08000012", "E09000019", "E09000030", "E09000025", "E10000016", "E10000012", "E08000032", "E06000016"};
    /** Postcode areas; each has districts 1 to 30, so about 2,900 districts as England has. */
    private static final String[] AREAS = ("B BD BL BN BS CF CM CR E EC HU L LE LS M ME N NE NG NW PL PR S SA SE SO SW "
            + "W WS BB BR CB CO CT DA DE FY GU HA KT LA LL NN OX PE PO RG RH RM SK SL SN SS ST TN TW WD WF WV YO B").split(" ");
    private static final String INWARD = "ABDEFGHJLNPQRSTUWXYZ";
    /** Shares of children whose given / family name is one of a community's listed (common) names. */
    private static final double GIVEN_LISTED = 0.45;
    private static final double FAMILY_LISTED = 0.3;

    /** Formal names and the nicknames that stand for more than one of them. */
    private static final String[][] AMBIGUOUS = {{"Samuel", "Sam"}, {"Samantha", "Sam"}, {"Alexander", "Alex"},
            {"Alexandra", "Alex"}, {"Joseph", "Jo"}, {"Joanna", "Jo"}, {"Charles", "Charlie"},
            {"Charlotte", "Charlie"}, {"William", "Will"}, {"Thomas", "Tom"}, {"Elizabeth", "Libby"},
            {"Oliver", "Ollie"}, {"Daniel", "Danny"}, {"Jessica", "Jess"}, {"Frederick", "Freddie"}};

    // Each inner array is one name and its spellings (the first the commonest), most common names first.
    private static final Community[] COMMUNITIES = {
            new Community("English", 690,
                    groups("Oliver|Muhammad|George|Noah|Arthur|Leo|Harry|Oscar|Archie|Henry|Theodore|Freddie|"
                            + "Jack|Charlie|Thomas|Alfie|Samuel|Alexander|Joseph|William|Isaac|Jacob|James|"
                            + "Lucas|Edward|Finley|Max|Daniel|Charles|Frederick|Reggie|Albert|Teddy|Hugo|Louie|"
                            + "Ethan|Joshua|Harrison|Benjamin|Dylan|Mason|Toby|Riley|Jude|Ronnie|Elliot|Stanley"),
                    groups("Olivia|Amelia|Isla|Lily|Ava|Ivy|Freya|Florence|Mia|Willow|Rosie|Sophia|Isabella|"
                            + "Grace|Daisy|Sienna|Poppy|Elsie|Emily|Ella|Evelyn|Phoebe|Charlotte|Alice|Sophie|"
                            + "Samantha|Alexandra|Joanna|Harper|Matilda|Ruby|Evie|Elizabeth|Jessica|Millie|Bonnie|"
                            + "Maisie|Erin|Imogen|Esme|Harriet|Hallie|Lucy|Megan|Molly|Eleanor"),
                    groups("Smith|Jones|Williams|Taylor|Brown|Davies|Evans|Wilson|Thomas|Johnson|Roberts|"
                            + "Robinson|Thompson|Wright|Walker|White|Edwards|Hughes|Green|Hall|Lewis|Harris|Clarke|"
                            + "Jackson|Wood|Turner|Martin|Cooper|Hill|Ward|Morris|Moore|Clark|King|Baker|Harrison|"
                            + "Morgan|Allen|James|Scott|Phillips|Watson|Davis|Parker|Price|Bennett|Young|Mitchell|"
                            + "Cook|Carter|Richardson|Bailey|Collins|Bell|Shaw|Miller|Cox|Richards|Marshall|"
                            + "Whitmore|Whitehead|Fletcher|Pearson|Holmes|Barker|Fisher|Stevens|Dixon|Harvey|"
                            + "Graham|Gibson|Howard|Andrews|Elliott|Reynolds|Saunders|Payne|Fox|Ford|Pearce|Day|"
                            + "Brooks|West|Lawrence|Cole|Atkinson|Bradley|Spencer|Dawson|Ball|Burton|Watts|Rose")),
            new Community("Welsh", 25,
                    groups("Rhys/Reece|Dafydd|Iolo|Osian|Gethin|Cai/Kai|Ioan|Tomos|Elis/Ellis|Llew"),
                    groups("Cerys/Ceris|Siân/Sian/Shan|Gwenllian|Bethan|Ffion|Nia|Seren|Megan|Alys|Eira"),
                    groups("Jones|Williams|Davies|Evans|Thomas|Roberts|Hughes|Lloyd|Griffiths|Pritchard|Llewellyn")),
            new Community("Irish", 15,
                    groups("Seán/Sean/Shaun|Oisín/Oisin/Osheen|Ciarán/Ciaran/Kieran|Tadhg/Teague|Cathal|Darragh|"
                            + "Conor/Connor|Liam"),
                    groups("Niamh/Neve|Aoife|Siobhán/Siobhan/Shivaun|Saoirse/Seersha|Caoimhe/Keeva|Róisín/Roisin|"
                            + "Orla/Orlagh|Sinéad/Sinead"),
                    groups("Murphy|Kelly|O'Brien/OBrien|O'Sullivan/Sullivan|Byrne/Beirne|Ryan|O'Connor/Connor|"
                            + "McCarthy/MacCarthy|Doyle|Gallagher|O'Neill/ONeill|Quinn")),
            new Community("South Asian", 120,
                    groups("Muhammad/Mohammed/Mohammad/Mohamed|Ibrahim/Ebrahim|Yusuf/Yousef/Yusef|Ayaan/Ayan|"
                            + "Hamza/Hamzah|Zayn/Zain|Arjun|Ali|Aryan|Rayyan/Rayan|Harpreet|Musa/Moosa|Rahul|"
                            + "Amir/Ameer|Ismail/Ismael"),
                    groups("Aisha/Ayesha/Aysha|Fatima/Fatimah|Zainab/Zaynab|Maryam/Mariam|Hafsa/Hafsah|Inaya/Inaaya|"
                            + "Zara/Zahra|Amna/Aamna|Priya|Ananya|Simran|Mehreen|Anaya|Hana/Hannah|Safa"),
                    groups("Khan|Hussain/Hussein/Husain|Ahmed/Ahmad|Ali|Begum|Patel|Chowdhury/Choudhury/Chaudhry|"
                            + "Rahman/Rehman|Singh|Kaur|Shah|Iqbal/Iqbaal|Akhtar/Akhter|Mahmood/Mehmood|Islam|"
                            + "Sharma|Miah/Mia|Uddin/Udin")),
            new Community("West African", 45,
                    groups("Oluwaseun/Oluseun|Chukwuemeka/Chukwuemeka|Kwame/Kwamé|Kofi|Tobenna|Olumide|Emeka|Tunde|"
                            + "Ayodele/Ayodeji|Chidi|Femi|Kwabena/Kobina"),
                    groups("Adaeze/Adaeze|Chiamaka/Chiamakah|Abena|Temitope/Temitopé|Ngozi|Oluwadamilare|Amara|"
                            + "Nkechi|Folake|Ama|Efua/Effua|Yewande"),
                    groups("Okafor|Adeyemi/Adeyemmi|Mensah|Osei|Okonkwo|Adebayo/Adebayor|Owusu|Boateng|"
                            + "Nwosu|Abdullahi/Abdulahi|Oyelaran|Asante/Asanti|Eze|Olawale")),
            new Community("Arabic", 25,
                    groups("Omar/Umar|Yusuf/Youssef/Yousef|Khalid/Khaled|Ahmed/Ahmad|Hassan/Hasan|Mustafa/Mostafa|"
                            + "Karim/Kareem|Adam|Zakaria/Zakariya|Tariq/Tarek"),
                    groups("Nour/Noor/Nur|Layla/Leila/Laila|Yasmin/Yasmine|Mariam/Maryam|Salma|Huda/Houda|"
                            + "Rania/Raniya|Amira/Ameera|Lina/Leena|Sara/Sarah"),
                    groups("Haddad|Al-Sayed/El-Sayed/Alsayed|Abdullah/Abdalla|Mansour/Mansur|Hassan/Hasan|"
                            + "Youssef/Yusuf|Ibrahim|Saleh/Salih|Khalil|Nasser/Nasir")),
            new Community("Eastern European", 60,
                    groups("Jakub/Yakub|Aleksander/Aleksandr/Alexander|Mateusz/Mateus|Łukasz/Lukasz|Szymon/Simon|"
                            + "Oleksandr/Olexandr|Filip/Philip|Kacper/Kasper|Antoni/Antoniy|Dmytro/Dmitri|Matei"),
                    groups("Zuzanna/Zuzana|Wiktoria/Viktoria|Julia/Yulia|Natalia/Nataliya|Zofia/Sofia|"
                            + "Katarzyna/Katarina|Maja/Maya|Hanna/Anna|Alicja/Alicia|Oliwia/Olivia|Ioana"),
                    groups("Nowak|Kowalski/Kovalski|Wiśniewski/Wisniewski/Vishnevsky|Kowalczyk|Popescu|"
                            + "Petrov/Petrow|Ivanova/Ivanowa|Shevchenko/Shevchenco|Kovalenko/Kowalenko|"
                            + "Wójcik/Wojcik|Kamiński/Kaminski|Horvat|Novák/Novak|Lewandowski")),
            new Community("Chinese", 20,
                    groups("Wei|Jun/Chun|Yichen/Yi Chen|Zihan/Zi Han|Hao|Ming|Jiahao/Jia Hao|Yu"),
                    groups("Xiaoling/Hsiao-ling/Xiao Ling|Mei|Yan|Jing/Ching|Lihua/Li Hua|Xinyi/Xin Yi|Yuxin"),
                    groups("Wang/Wong|Zhang/Chang|Li/Lee|Chen/Chan|Liu/Lau|Huang/Wong|Zhou/Chow|Wu/Ng|Lin/Lam"))
    };

    private final SplittableRandom random;
    /**
     * Draws the carers, apart from {@link #random}: the children, their kinds and their errors are drawn exactly as
     * before carers were added, so figures measured on this set stay comparable.
     */
    private final SplittableRandom carerRandom;
    /** Each child's parents (twins and siblings share them), by child key. */
    private final Map<String, List<Carer>> families = new HashMap<>();
    private final Map<String, String> nhsNumbers = new HashMap<>();
    private final long nhsBase;
    private long nhsIssued;
    private int sequence;

    private DenseBirthdays(long seed, String prefix) {
        this.random = new SplittableRandom(seed);
        this.carerRandom = new SplittableRandom(seed * 7919 + 18);
        this.nhsBase = 400_000_000L + Math.floorMod(prefix.hashCode(), 500) * 1_000_000L;
    }

    /**
     * The evaluation set for these birthdays.
     *
     * @param perBirthday    children born on each ({@link #NATIONAL_DENSITY} for England)
     * @param duplicateShare the share of children that a second source also records
     * @param prefix         starts every source record id and child key, so runs never collide
     */
    public static Evaluation generate(long seed, List<LocalDate> birthdays, int perBirthday, double duplicateShare,
                                      String prefix) {
        return new DenseBirthdays(seed, prefix).evaluation(birthdays, perBirthday, duplicateShare, prefix);
    }

    /**
     * {@code count} different birthdays (up to 5,475) spread over 15 years of childhood, every child under 18. A few
     * of them are no near miss of each other (a day apart, or one digit or the day and month apart): a near miss of
     * another birthday of a small set would meet its 1,650 children where, on the national register, it meets those
     * of a birthday the set lacks.
     */
    public static List<LocalDate> birthdays(int count) {
        List<LocalDate> days = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // 173 days on, round 15 years: 173 and 5,475 share no factor, so no day comes twice.
            days.add(LocalDate.of(2010, 1, 11).plusDays((173L * i) % 5475));
        }
        return days;
    }

    /** The kinds of {@link #compoundSecondRecords}: two faults at once, as the bench's duplicate set has them. */
    public static final List<String> COMPOUND_KINDS = List.of("SWAPPED_NAMES", "NICKNAME_AND_FAMILY_TYPO",
            "TYPO_AND_MOVED", "CHANGED_FAMILY_NAME_SAME_ADDRESS");

    /**
     * Second records with two faults at once (the bench's duplicate set has them; {@link #generate}'s second records
     * carry one each): given and family name swapped whole (a middle name too), a nickname (or, for a name without
     * one, a typo) beside a mistyped family name, a mistyped given name beside a move, and a new family name at the
     * same address. Of {@code share} of the children, each kind in turn; no NHS number (so the matcher must find
     * them), the child's carers as its first record names them, a source other than the first's. Drawn from a random
     * stream of their own: the evaluation set is unchanged.
     */
    public static List<SourceRecord> compoundSecondRecords(Evaluation evaluation, long seed, double share,
                                                           String prefix) {
        DenseBirthdays generator = new DenseBirthdays(seed * 31 + 7, prefix);
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord child : evaluation.newChildren()) {
            if (generator.random.nextDouble() >= share) {
                continue;
            }
            String kind = COMPOUND_KINDS.get(records.size() % COMPOUND_KINDS.size());
            String given = child.givenNames();
            String family = child.familyName();
            String postcode = child.postcode();
            switch (kind) {
                case "SWAPPED_NAMES" -> {
                    given = child.familyName();
                    family = child.givenNames();
                }
                case "NICKNAME_AND_FAMILY_TYPO" -> {
                    String nickname = nickname(first(given));
                    given = nickname != null ? nickname : generator.typo(given, false);
                    family = generator.typo(family, false);
                }
                case "TYPO_AND_MOVED" -> {
                    given = generator.typo(given, false);
                    postcode = generator.postcode();
                }
                default -> {
                    String changed = family;
                    while (changed.equals(family)) {
                        changed = pickName(generator.random, community(child.community()).families, FAMILY_LISTED,
                                true);
                    }
                    family = changed;
                }
            }
            String source = child.source().equals("SOCIAL_CARE") ? "SCHOOL_CENSUS" : "SOCIAL_CARE";
            records.add(new SourceRecord(source, prefix + "-compound-" + records.size(), child.child(),
                    child.community(), kind, given, family, child.dateOfBirth(), child.gender(), postcode, null,
                    child.localAuthority(), child.carers()));
        }
        return List.copyOf(records);
    }

    /**
     * The kinds of {@link #householdLookAlikes}. Pairs of different children (the first registered, the second
     * arriving), which a matcher that takes a household's agreement for evidence links: twins named with two
     * nicknames of one formal name (Amy, Mia), twins one of whom has the other's first name as a middle name
     * (Muhammad; Leo Muhammad), twins with real names one keystroke apart (Luca, Lucas), twins named a formal name
     * and its own nickname (Amelia, Amy) by one source under two record ids, and namesakes born the same day at
     * another postcode whose mothers share a common full name (Sarah Smith), from one source. And second records of
     * one child that must still link beside a twin: a keystroke slip in the given name, a short name for the formal
     * one (Amy for Amelia, whose twin is Isla).
     */
    public static final List<String> HOUSEHOLD_KINDS = List.of("TWINS_TWO_NICKNAMES", "TWINS_MIDDLE_NAME",
            "TWINS_SIMILAR_NAMES", "TWINS_NAME_AND_NICKNAME_ONE_SOURCE", "NAMESAKES_COMMON_MOTHER");

    /** Two nicknames of one formal name (the matcher's list): names parents give twins. */
    private static final String[][] TWO_NICKNAMES = {{"Amy", "Mia"}, {"Millie", "Mia"}, {"Elsie", "Libby"},
            {"Alfie", "Alex"}, {"Ellie", "Nell"}, {"Amy", "Millie"}};
    /** Real names one keystroke apart, the arriving twin's the commoner (a list name of the set). */
    private static final String[][] SIMILAR_NAMES = {{"Luca", "Lucas"}, {"Isabelle", "Isabella"}, {"Louis", "Louie"},
            {"Mollie", "Millie"}, {"Ellie", "Elsie"}};
    /** A formal name and its own nickname. */
    private static final String[][] NAME_AND_NICKNAME = {{"Amelia", "Amy"}, {"Henry", "Harry"}, {"Sophia", "Sophie"},
            {"Frederick", "Freddie"}, {"Elizabeth", "Libby"}};
    private static final String[] ENGLISH_BOYS_FIRST = {"Oliver", "Muhammad", "George", "Noah", "Arthur", "Leo",
            "Harry", "Oscar", "Archie", "Henry"};

    /**
     * The household look-alikes (session 19; the 1 M bench's wrong links while its register was built): for each
     * kind of {@link #HOUSEHOLD_KINDS}, {@code pairs} pairs of different children born on the birthdays given, and
     * second records of one child beside its twin that must link (kinds {@code TWIN_GIVEN_NAME_SLIP} and
     * {@code TWIN_SHORT_NAME}). {@link Evaluation#newChildren()} lists each pair's first child, then its second;
     * twins come from two sources that carry no NHS number (school census, early years) unless the kind says one
     * source, so only the names and the household tell them apart; the second records come from social care. Every
     * record names both parents in their roles. Deterministic by seed, drawn apart from {@link #generate}.
     */
    public static Evaluation householdLookAlikes(long seed, List<LocalDate> birthdays, int pairs, String prefix) {
        DenseBirthdays generator = new DenseBirthdays(seed * 53 + 19, prefix);
        Community english = community("English");
        List<SourceRecord> children = new ArrayList<>();
        List<SourceRecord> duplicates = new ArrayList<>();
        for (String kind : HOUSEHOLD_KINDS) {
            for (int i = 0; i < pairs; i++) {
                LocalDate birthday = birthdays.get(generator.random.nextInt(birthdays.size()));
                String family = pickName(generator.random, english.families, FAMILY_LISTED, true);
                String postcode = generator.postcode();
                String[] names = switch (kind) {
                    case "TWINS_TWO_NICKNAMES" -> TWO_NICKNAMES[i % TWO_NICKNAMES.length];
                    case "TWINS_SIMILAR_NAMES" -> SIMILAR_NAMES[i % SIMILAR_NAMES.length];
                    case "TWINS_NAME_AND_NICKNAME_ONE_SOURCE" -> NAME_AND_NICKNAME[i % NAME_AND_NICKNAME.length];
                    case "TWINS_MIDDLE_NAME" -> {
                        String first = ENGLISH_BOYS_FIRST[i % ENGLISH_BOYS_FIRST.length];
                        String other = ENGLISH_BOYS_FIRST[(i + 3) % ENGLISH_BOYS_FIRST.length];
                        yield i % 2 == 0 ? new String[] {first, other + " " + first}
                                : new String[] {other + " " + first, first};
                    }
                    default -> new String[] {pick(generator.random, english.boys)[0], null};
                };
                String gender = kind.equals("NAMESAKES_COMMON_MOTHER") || kind.equals("TWINS_MIDDLE_NAME")
                        || names[0].equals("Alfie") || names[0].equals("Luca") || names[0].equals("Louis")
                        || names[0].equals("Henry") || names[0].equals("Frederick") ? "MALE" : "FEMALE";
                List<Carer> parents = List.of(new Carer("Sarah", family, "Mother"),
                        new Carer(pick(generator.random, ENGLISH_FATHERS)[0], family, "Father"));
                String firstSource = "SCHOOL_CENSUS";
                String secondSource = kind.equals("TWINS_NAME_AND_NICKNAME_ONE_SOURCE")
                        || kind.equals("NAMESAKES_COMMON_MOTHER") ? "SCHOOL_CENSUS" : "EARLY_YEARS";
                String key = prefix + "-household-" + kind + "-" + i;
                SourceRecord first = new SourceRecord(firstSource, key + "-a", key + "-a", "English", kind, names[0],
                        family, birthday, gender, postcode, null, LOCAL_AUTHORITIES[i % LOCAL_AUTHORITIES.length],
                        parents);
                SourceRecord second;
                if (kind.equals("NAMESAKES_COMMON_MOTHER")) {
                    // Another family: the mother of the same common name, another father (not named by this
                    // source), another postcode.
                    second = new SourceRecord(secondSource, key + "-b", key + "-b", "English", kind, names[0], family,
                            birthday, gender, generator.postcode(), null,
                            LOCAL_AUTHORITIES[(i + 1) % LOCAL_AUTHORITIES.length], List.of(parents.get(0)));
                } else {
                    second = new SourceRecord(secondSource, key + "-b", key + "-b", "English", kind, names[1], family,
                            birthday, gender, postcode, null, first.localAuthority(), parents);
                }
                children.add(first);
                children.add(second);
                if (kind.equals("TWINS_SIMILAR_NAMES") || kind.equals("TWINS_MIDDLE_NAME")) {
                    // The first twin again from social care, one letter of the first name slipped (never into the
                    // other twin's name, nor back into its own).
                    String slip = generator.typo(first.givenNames(), false);
                    while (slip.equals(first.givenNames()) || slip.equals(second.givenNames())) {
                        slip = generator.typo(first.givenNames(), false);
                    }
                    duplicates.add(new SourceRecord("SOCIAL_CARE", key + "-a-slip", first.child(), "English",
                            "TWIN_GIVEN_NAME_SLIP", slip, family, birthday, gender, postcode, null,
                            first.localAuthority(), parents));
                }
            }
        }
        // Amelia (her twin Isla) recorded by social care as Amy: the same child's short name, beside a twin. (A twin
        // named Mia, another of Amelia's nicknames, would be as much Amelia's short name: nothing but a source's
        // two records or two NHS numbers tells such twins from one child.)
        for (int i = 0; i < pairs; i++) {
            LocalDate birthday = birthdays.get(generator.random.nextInt(birthdays.size()));
            String family = pickName(generator.random, english.families, FAMILY_LISTED, true);
            String postcode = generator.postcode();
            List<Carer> parents = List.of(new Carer(pick(generator.random, ENGLISH_MOTHERS)[0], family, "Mother"),
                    new Carer(pick(generator.random, ENGLISH_FATHERS)[0], family, "Father"));
            String key = prefix + "-household-TWIN_SHORT_NAME-" + i;
            String authority = LOCAL_AUTHORITIES[i % LOCAL_AUTHORITIES.length];
            SourceRecord amelia = new SourceRecord("SCHOOL_CENSUS", key + "-a", key + "-a", "English",
                    "TWINS_OTHER_NAMES", "Amelia", family, birthday, "FEMALE", postcode, null, authority, parents);
            children.add(amelia);
            children.add(new SourceRecord("EARLY_YEARS", key + "-b", key + "-b", "English", "TWINS_OTHER_NAMES",
                    "Isla", family, birthday, "FEMALE", postcode, null, authority, parents));
            duplicates.add(new SourceRecord("SOCIAL_CARE", key + "-a-short", amelia.child(), "English",
                    "TWIN_SHORT_NAME", "Amy", family, birthday, "FEMALE", postcode, null, authority, parents));
        }
        return new Evaluation(List.copyOf(children), List.copyOf(duplicates));
    }

    private Evaluation evaluation(List<LocalDate> birthdays, int perBirthday, double duplicateShare, String prefix) {
        List<SourceRecord> children = new ArrayList<>();
        for (LocalDate birthday : birthdays) {
            List<SourceRecord> thatDay = new ArrayList<>();
            while (thatDay.size() < perBirthday) {
                double draw = random.nextDouble();
                SourceRecord child;
                if (draw < 0.008 && !thatDay.isEmpty()) {
                    // A twin pair is 1 birth in 125: the other twin of the last child born that day.
                    child = twin(prefix, thatDay.get(thatDay.size() - 1));
                } else if (draw < 0.04 && !children.isEmpty()) {
                    child = sibling(prefix, children.get(random.nextInt(children.size())), birthday);
                } else if (draw < 0.045) {
                    // Namesakes born the same day are children with common names: both names from the lists.
                    SourceRecord namesake = newChild(prefix, birthday, 1, 1, "SAME_NAME_AND_BIRTHDAY");
                    thatDay.add(namesake);
                    child = sameNameAndBirthday(prefix, namesake);
                } else {
                    child = newChild(prefix, birthday, GIVEN_LISTED, FAMILY_LISTED, "NEW");
                }
                thatDay.add(child);
            }
            children.addAll(thatDay);
        }
        // Records arrive from every birthday mixed, as a national feed sends them.
        shuffle(children);
        List<SourceRecord> duplicates = new ArrayList<>();
        for (SourceRecord child : children) {
            if (random.nextDouble() < duplicateShare) {
                duplicates.add(secondRecord(prefix, child));
            }
        }
        shuffle(duplicates);
        return new Evaluation(List.copyOf(children), List.copyOf(duplicates));
    }

    private SourceRecord newChild(String prefix, LocalDate birthday, double givenListed, double familyListed,
                                  String kind) {
        Community community = community();
        boolean boy = random.nextBoolean();
        String given = pickName(boy ? community.boys : community.girls, givenListed, false);
        if (random.nextDouble() < 0.2) {
            // A middle name, from the same community.
            given = given + " " + pickName(boy ? community.boys : community.girls, GIVEN_LISTED, false);
        }
        String family = pickName(community.families, familyListed, true);
        if (random.nextDouble() < 0.04) {
            // Double-barrelled or hyphenated: two families' names.
            String second = pickName(community().families, FAMILY_LISTED, true);
            if (!second.equals(family)) {
                family = random.nextBoolean() ? family + "-" + second : family + " " + second;
            }
        }
        return named(record(prefix, key(prefix), community.name, kind, given, family, birthday,
                boy ? "MALE" : "FEMALE", postcode(), random.nextDouble() < 0.5), family(community, family));
    }

    private SourceRecord twin(String prefix, SourceRecord first) {
        Community community = community(first.community());
        boolean boy = random.nextDouble() < 0.66 ? "MALE".equals(first.gender()) : !"MALE".equals(first.gender());
        String given = first.givenNames();
        while (given.equals(first.givenNames())) {
            given = pickName(boy ? community.boys : community.girls, GIVEN_LISTED, false);
        }
        return named(record(prefix, key(prefix), first.community(), "TWIN", given, first.familyName(),
                first.dateOfBirth(), boy ? "MALE" : "FEMALE", first.postcode(), first.nhsNumber() != null),
                families.get(first.child()));
    }

    private SourceRecord sibling(String prefix, SourceRecord elder, LocalDate birthday) {
        Community community = community(elder.community());
        boolean boy = random.nextBoolean();
        return named(record(prefix, key(prefix), elder.community(), "SIBLING",
                pickName(boy ? community.boys : community.girls, GIVEN_LISTED, false),
                elder.familyName(), birthday, boy ? "MALE" : "FEMALE", elder.postcode(), random.nextDouble() < 0.5),
                families.get(elder.child()));
    }

    /** Another child with the same name and birthday, living in the same district half the time. */
    private SourceRecord sameNameAndBirthday(String prefix, SourceRecord other) {
        String postcode = postcode();
        if (random.nextBoolean() && other.postcode() != null) {
            String outward = other.postcode().substring(0, other.postcode().indexOf(' '));
            postcode = outward + postcode.substring(postcode.indexOf(' '));
        }
        // Another family: its own parents, who share the child's family name but are other people.
        return named(record(prefix, key(prefix), other.community(), "SAME_NAME_AND_BIRTHDAY", other.givenNames(),
                other.familyName(), other.dateOfBirth(), other.gender(), postcode, random.nextDouble() < 0.5),
                family(community(other.community()), other.familyName()));
    }

    /** The same child as another source records it. */
    private SourceRecord secondRecord(String prefix, SourceRecord child) {
        String source = HEALTH.equals(child.source()) ? OTHER_SOURCES[random.nextInt(OTHER_SOURCES.length)]
                : random.nextBoolean() ? HEALTH : otherThan(child.source());
        // Health records always carry the NHS number; a school or a council records it about a third of the time.
        String nhs = HEALTH.equals(source) || random.nextDouble() < 0.33 ? nhsNumber(child.child()) : null;
        String given = child.givenNames();
        String family = child.familyName();
        String gender = child.gender();
        String postcode = child.postcode();
        String kind;
        double draw = random.nextDouble();
        if (family.contains("-") || family.contains(" ") && draw < 0.5) {
            kind = "HYPHENATED";
            String[] parts = family.split("[- ]");
            family = random.nextBoolean() ? parts[random.nextInt(parts.length)]
                    : family.contains("-") ? family.replace('-', ' ') : family.replace(' ', '-');
        } else if (draw < 0.40) {
            kind = "EXACT";
        } else if (draw < 0.55) {
            kind = "MOVED";
            postcode = postcode();
        } else if (draw < 0.62 && nickname(first(given)) != null) {
            kind = "NICKNAME";
            given = nickname(first(given));
        } else if (draw < 0.68) {
            kind = "TYPO";
            given = typo(given, false);
        } else if (draw < 0.72) {
            kind = "FIRST_LETTER_TYPO";
            if (random.nextBoolean()) {
                given = typo(given, true);
            } else {
                family = typo(family, true);
            }
        } else if (draw < 0.80 && variant(child.community(), given, family) != null) {
            kind = "TRANSLITERATION";
            String[] changed = variant(child.community(), given, family);
            given = changed[0];
            family = changed[1];
        } else if (draw < 0.83) {
            kind = "WRONG_SEX";
            gender = "MALE".equals(gender) ? "FEMALE" : "MALE";
        } else if (draw < 0.93) {
            kind = "MISSING_FIELDS";
            if (random.nextBoolean()) {
                postcode = null;
            } else {
                gender = "NOT_SPECIFIED";
                if (random.nextBoolean()) {
                    postcode = null;
                }
            }
        } else if (draw < 0.97) {
            kind = "CHANGED_FAMILY_NAME";
            String changed = family;
            while (changed.equals(family)) {
                changed = pickName(community(child.community()).families, FAMILY_LISTED, true);
            }
            family = changed;
            if (random.nextBoolean()) {
                postcode = postcode();
            }
        } else {
            kind = "EXACT";
        }
        return new SourceRecord(source, prefix + "-" + (++sequence), child.child(), child.community(), kind, given,
                family, child.dateOfBirth(), gender, postcode, nhs, child.localAuthority(),
                varied(recordedBy(source, families.get(child.child())), child.community()));
    }

    /** Parents' given names in England (the children's lists are a generation younger); others use their lists. */
    private static final String[][] ENGLISH_MOTHERS = groups("Sarah|Emma|Laura|Rebecca|Gemma|Claire|Elizabeth|"
            + "Katherine|Rachel|Amy|Hannah|Victoria|Jennifer|Nicola|Jessica|Samantha|Louise|Michelle|Charlotte|Lisa|"
            + "Kelly|Stacey|Natalie|Joanne|Lauren|Hayley|Danielle|Zoe|Helen|Kirsty");
    private static final String[][] ENGLISH_FATHERS = groups("David|James|Daniel|Michael|Christopher|Matthew|"
            + "Andrew|Richard|Mark|Paul|Thomas|Robert|Steven|Jonathan|Benjamin|William|Anthony|Peter|Stephen|Adam|"
            + "Lee|Craig|Ryan|Gareth|Simon|Jamie|Carl|Darren|Wayne|Neil");
    /** How a source shortens a parent's name: the nickname is one the matcher's list knows. */
    private static final String[][] CARER_NICKNAMES = {{"Elizabeth", "Liz"}, {"Katherine", "Kate"},
            {"Rebecca", "Becky"}, {"Jennifer", "Jenny"}, {"Victoria", "Vicky"}, {"Samantha", "Sam"},
            {"Robert", "Rob"}, {"Richard", "Rick"}, {"James", "Jim"}, {"Michael", "Mike"}, {"Christopher", "Chris"},
            {"Daniel", "Dan"}, {"Matthew", "Matt"}, {"Anthony", "Tony"}, {"Andrew", "Andy"}, {"Stephen", "Steve"},
            {"David", "Dave"}, {"Jonathan", "Jon"}, {"Thomas", "Tom"}, {"William", "Will"}};

    /** The record as its source names the child's carers; the family is the child's from now on. */
    private SourceRecord named(SourceRecord record, List<Carer> family) {
        families.put(record.child(), family);
        return new SourceRecord(record.source(), record.sourceId(), record.child(), record.community(),
                record.kind(), record.givenNames(), record.familyName(), record.dateOfBirth(), record.gender(),
                record.postcode(), record.nhsNumber(), record.localAuthority(), recordedBy(record.source(), family));
    }

    /**
     * A child's parents: a mother (her family name the child's three times in four), and a father four times in
     * five (the child's family name nine times in ten).
     */
    private List<Carer> family(Community community, String childFamily) {
        boolean english = "English".equals(community.name);
        List<Carer> people = new ArrayList<>(2);
        String motherFamily = carerRandom.nextDouble() < 0.75 ? childFamily
                : pickName(carerRandom, community.families, FAMILY_LISTED, true);
        people.add(new Carer(pickName(carerRandom, english ? ENGLISH_MOTHERS : community.girls, 0.5, false),
                motherFamily, "Mother"));
        if (carerRandom.nextDouble() < 0.8) {
            String fatherFamily = carerRandom.nextDouble() < 0.9 ? childFamily
                    : pickName(carerRandom, community.families, FAMILY_LISTED, true);
            people.add(new Carer(pickName(carerRandom, english ? ENGLISH_FATHERS : community.boys, 0.5, false),
                    fatherFamily, "Father"));
        }
        return List.copyOf(people);
    }

    /**
     * Whom a source names: a health record the mother (19 times in 20) and the father one time in five; a school or
     * a council one contact or two (the mother first three times in four), none one time in 20.
     */
    private List<Carer> recordedBy(String source, List<Carer> family) {
        Carer mother = family.get(0);
        Carer father = family.size() > 1 ? family.get(1) : null;
        List<Carer> named = new ArrayList<>(2);
        if (HEALTH.equals(source)) {
            if (carerRandom.nextDouble() < 0.95) {
                named.add(mother);
            }
            if (father != null && (carerRandom.nextDouble() < 0.2 || named.isEmpty())) {
                named.add(father);
            }
            return named;
        }
        if (carerRandom.nextDouble() < 0.05) {
            return named;
        }
        Carer first = father != null && carerRandom.nextDouble() < 0.25 ? father : mother;
        named.add(first);
        if (father != null && carerRandom.nextDouble() < 0.4) {
            named.add(first == mother ? father : mother);
        }
        return named;
    }

    /**
     * A second source's carers as real feeds differ: a parent's given name shortened one time in ten (Liz for
     * Elizabeth), the mother's family name another one time in 16 (a new marriage, or her own name kept).
     */
    private List<Carer> varied(List<Carer> carers, String communityName) {
        List<Carer> varied = new ArrayList<>(carers);
        if (!varied.isEmpty() && carerRandom.nextDouble() < 0.1) {
            int at = carerRandom.nextInt(varied.size());
            Carer carer = varied.get(at);
            for (String[] pair : CARER_NICKNAMES) {
                if (pair[0].equals(carer.givenName())) {
                    varied.set(at, new Carer(pair[1], carer.familyName(), carer.relationship()));
                }
            }
        }
        if (!varied.isEmpty() && "Mother".equals(varied.get(0).relationship()) && carerRandom.nextDouble() < 0.0625) {
            Carer mother = varied.get(0);
            String changed = mother.familyName();
            while (changed.equals(mother.familyName())) {
                changed = pickName(carerRandom, community(communityName).families, FAMILY_LISTED, true);
            }
            varied.set(0, new Carer(mother.givenName(), changed, mother.relationship()));
        }
        return varied;
    }

    private SourceRecord record(String prefix, String key, String community, String kind, String given,
                                String family, LocalDate birthday, String gender, String postcode,
                                boolean fromHealth) {
        String source = fromHealth ? HEALTH : OTHER_SOURCES[random.nextInt(OTHER_SOURCES.length)];
        return new SourceRecord(source, prefix + "-" + (++sequence), key, community, kind, given, family, birthday,
                gender, postcode, fromHealth ? nhsNumber(key) : null,
                LOCAL_AUTHORITIES[random.nextInt(LOCAL_AUTHORITIES.length)]);
    }

    private String key(String prefix) {
        return prefix + "-child-" + (++sequence);
    }

    private Community community() {
        int total = 0;
        for (Community community : COMMUNITIES) {
            total += community.weight;
        }
        int draw = random.nextInt(total);
        for (Community community : COMMUNITIES) {
            draw -= community.weight;
            if (draw < 0) {
                return community;
            }
        }
        throw new IllegalStateException("weights");
    }

    private static Community community(String name) {
        for (Community community : COMMUNITIES) {
            if (community.name.equals(name)) {
                return community;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /**
     * A name as common as in England: the listed names (the commonest, first far commoner than last) carry
     * {@code listed} of the children, the rest a long tail of rarer names. The commonest name then has 2-3 % of
     * the children, as Muhammad, Oliver or Smith do, not the 15 % a short list alone would give.
     */
    private String pickName(String[][] names, double listed, boolean family) {
        return pickName(random, names, listed, family);
    }

    private static String pickName(SplittableRandom random, String[][] names, double listed, boolean family) {
        return random.nextDouble() < listed ? pick(random, names)[0] : tailName(random, family);
    }

    /** A name of the list, Zipf-like with a flat exponent. */
    private static String[] pick(SplittableRandom random, String[][] names) {
        double total = 0;
        for (int i = 0; i < names.length; i++) {
            total += 1 / Math.sqrt(i + 1);
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < names.length; i++) {
            draw -= 1 / Math.sqrt(i + 1);
            if (draw < 0) {
                return names[i];
            }
        }
        return names[names.length - 1];
    }

    private static final String[] FAMILY_STARTS = ("Ash Brad Carl Dun Ell Fair Gold Hart Kings Lang Mar North Oak "
            + "Pen Rad Shel Thorn Wake Whit Brook Crom Dal Hol Ing Kel Lind Mor Ruth Stan Tal Wes Yar Bel Cran Fen")
            .split(" ");
    private static final String[] FAMILY_MIDDLES = {"", "er", "ing", "en", "s", "el", "an"};
    private static final String[] FAMILY_ENDS = ("worth ley ton field ford by well more wood stone ham cott bury "
            + "dale wick hurst").split(" ");
    private static final String[] GIVEN_STARTS = ("A Be Ca Da E Fa Ga Ha I Ja Ka La Ma Na O Pa Ra Sa Ta Va Ya Za "
            + "Bri Cla Dre Fre Gra Kri Lu Mi Ro Se Ti").split(" ");
    private static final String[] GIVEN_MIDDLES = {"", "ri", "la", "ne", "di", "ve", "mo", "li"};
    private static final String[] GIVEN_ENDS = "n ra lie ton den la ria sha ko mi ya el son dre lyn tha".split(" ");

    private static String tailName(SplittableRandom random, boolean family) {
        if (family) {
            return FAMILY_STARTS[random.nextInt(FAMILY_STARTS.length)]
                    + FAMILY_MIDDLES[random.nextInt(FAMILY_MIDDLES.length)]
                    + FAMILY_ENDS[random.nextInt(FAMILY_ENDS.length)];
        }
        return GIVEN_STARTS[random.nextInt(GIVEN_STARTS.length)] + GIVEN_MIDDLES[random.nextInt(GIVEN_MIDDLES.length)]
                + GIVEN_ENDS[random.nextInt(GIVEN_ENDS.length)];
    }

    /** Another spelling of the given or the family name, as another source transliterates it; null if none. */
    private String[] variant(String communityName, String given, String family) {
        Community community = community(communityName);
        String first = first(given);
        String[] givenGroup = group(community.boys, first);
        if (givenGroup == null) {
            givenGroup = group(community.girls, first);
        }
        String[] familyGroup = group(community.families, family);
        boolean givenVaries = givenGroup != null && givenGroup.length > 1;
        boolean familyVaries = familyGroup != null && familyGroup.length > 1;
        if (!givenVaries && !familyVaries) {
            return null;
        }
        if (givenVaries && (!familyVaries || random.nextBoolean())) {
            return new String[] {given.replaceFirst(first, givenGroup[1 + random.nextInt(givenGroup.length - 1)]),
                    family};
        }
        return new String[] {given, familyGroup[1 + random.nextInt(familyGroup.length - 1)]};
    }

    private static String[] group(String[][] groups, String name) {
        for (String[] group : groups) {
            if (group[0].equals(name)) {
                return group;
            }
        }
        return null;
    }

    private static String nickname(String formal) {
        for (String[] pair : AMBIGUOUS) {
            if (pair[0].equals(formal)) {
                return pair[1];
            }
        }
        return null;
    }

    /** One letter replaced (the first, when asked) by a neighbour on the keyboard or a letter that sounds alike. */
    private String typo(String name, boolean firstLetter) {
        String[] words = name.split(" ");
        String word = words[0];
        if (word.length() < 3) {
            return name;
        }
        int at = firstLetter ? 0 : 1 + random.nextInt(word.length() - 1);
        if (!firstLetter && random.nextBoolean() && at < word.length() - 1) {
            // Two letters the wrong way round.
            char[] letters = word.toCharArray();
            char swap = letters[at];
            letters[at] = letters[at + 1];
            letters[at + 1] = swap;
            word = new String(letters);
        } else {
            char original = Character.toLowerCase(word.charAt(at));
            char replaced = alike(original);
            String letter = String.valueOf(replaced);
            if (at == 0) {
                letter = letter.toUpperCase(Locale.ROOT);
            }
            word = word.substring(0, at) + letter + word.substring(at + 1);
        }
        words[0] = word;
        return String.join(" ", words);
    }

    private char alike(char letter) {
        String pairs = switch (letter) {
            case 'c' -> "kx";
            case 'k' -> "cq";
            case 'p' -> "fb";
            case 'f' -> "pv";
            case 's' -> "zc";
            case 'z' -> "s";
            case 'i' -> "yeo";
            case 'y' -> "ij";
            case 'e' -> "ai";
            case 'a' -> "es";
            case 'o' -> "ui";
            case 'j' -> "gy";
            case 'g' -> "jh";
            case 'm' -> "n";
            case 'n' -> "m";
            default -> "aeiou";
        };
        char replaced = pairs.charAt(random.nextInt(pairs.length()));
        return replaced == letter ? 'x' : replaced;
    }

    private String postcode() {
        String district = AREAS[random.nextInt(AREAS.length)] + (1 + random.nextInt(30));
        return district + " " + random.nextInt(10) + INWARD.charAt(random.nextInt(INWARD.length()))
                + INWARD.charAt(random.nextInt(INWARD.length()));
    }

    private String otherThan(String source) {
        String other = source;
        while (other.equals(source)) {
            other = OTHER_SOURCES[random.nextInt(OTHER_SOURCES.length)];
        }
        return other;
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }

    private static String first(String givenNames) {
        int space = givenNames.indexOf(' ');
        return space < 0 ? givenNames : givenNames.substring(0, space);
    }

    /**
     * A valid NHS number (modulus 11) for the child, the same whichever source records it, never another child's:
     * numbered from a base the prefix chooses, so runs with other prefixes rarely meet.
     */
    private String nhsNumber(String childKey) {
        return nhsNumbers.computeIfAbsent(childKey, k -> {
            while (true) {
                String digits = Long.toString(nhsBase + nhsIssued++);
                int sum = 0;
                for (int i = 0; i < 9; i++) {
                    sum += (digits.charAt(i) - '0') * (10 - i);
                }
                int check = 11 - sum % 11;
                if (check != 10) {
                    return digits + (check == 11 ? 0 : check);
                }
            }
        });
    }

    private static String[][] groups(String list) {
        String[] names = list.split("\\|");
        String[][] groups = new String[names.length][];
        for (int i = 0; i < names.length; i++) {
            groups[i] = names[i].split("/");
        }
        return groups;
    }
}
