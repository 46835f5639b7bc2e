import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic population of children in England, deterministic by seed: child {@code i} is always the same child for
 * the same seed, whatever else is generated, so the loader, the probes and the quality check agree without a file.
 * Names follow a Zipf-like frequency (a few very common names, a long tail), including hyphenated, apostrophe and
 * accented names; about 2% are twins (same family name, date of birth and address) and 10% siblings.
 */
final class Population {

    /** Ages are counted back from a fixed day, so a run next year generates the same children (all still under 18). */
    static final LocalDate REFERENCE_DAY = LocalDate.of(2026, 11, 1);

    // Family names in rough order of frequency in England and Wales (ONS / surname studies), then a tail with the
    // spellings a register has to cope with: apostrophes, accents, Mc/Mac, names from recent migration.
    static final String[] FAMILIES = ("Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts "
            + "Robinson Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood "
            + "Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott "
            + "Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey "
            + "Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum "
            + "Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer "
            + "Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey "
            + "Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne "
            + "Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien "
            + "Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster "
            + "Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding "
            + "Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates Henderson "
            + "Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls Hamilton "
            + "Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy "
            + "Chambers O'Neill Griffin Sharp Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace George "
            + "Jordan Hutchinson Rowe Burke May Pritchard Gilbert Willis Higgins Read Miles Stevenson Stephenson "
            + "Hammond Arnold Buckley Walters Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost "
            + "Lambert Stephens Blake Akhtar Lynch Goodwin Barton Woodward Thomson Cunningham Quinn Barnett Baxter "
            + "Bibi Clayton Nash Greenwood Jennings Holt Kemp Poole Gallagher Bond Stokes Tucker Davidson Fowler "
            + "Heath Norman Middleton Lawson Banks French Stanley Jarvis Gibbs Ferguson Hayward Carroll Douglas "
            + "Dickinson Todd Barlow Peters Lucas Knowles Hartley Miah Simmons Morton Alexander Field Morrison Okafor "
            + "Adeyemi Mensah Osei Nowak Kowalski Wiśniewski Kowalczyk Nguyễn Chowdhury Rahman Abdullahi Papadopoulos "
            + "Rossi Schneider Müller Silva Santos Gonçalves Sánchez García Núñez Pérez Öztürk Yılmaz D'Souza "
            + "O'Sullivan O'Donnell McLaughlin MacDonald Fitzgerald De Souza Van der Berg Ó Briain Ní Bhriain Okonkwo "
            + "Adebayo Oyelaran Haddad Karimi Hosseini Novák Dvořák Łukasik Żak Jankowski Popescu Ionescu Petrov "
            + "Ivanova Kovačević Horvat Nakamura Wang Zhang Li Chen Liu Kim Park Tran Pham Lefèvre Dubois Bélanger")
            .split(" ");
    static final String[] GIRLS = ("Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Willow Freya "
            + "Florence Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe Sophie Alice Harper "
            + "Matilda Ruby Emilia Maya Millie Isabelle Eva Luna Jessica Elizabeth Aria Chloe Maisie Hallie Arabella "
            + "Esme Imogen Mila Thea Violet Erin Bonnie Layla Harriet Ellie Lucy Scarlett Maryam Aisha Fatima Zainab "
            + "Hannah Eleanor Katherine Rebecca Abigail Victoria Margaret Niamh Aoife Siobhán Zoë Chloé Renée Léa "
            + "Anaïs Fiadh Saoirse Zofia Oluwaseun Amara Priya Ananya Aaliyah Nour Hafsa Inaya Amna Maja Zuzanna "
            + "Hanna Julia Chiamaka Adaeze Ayesha Khadija Jasmine Lola Nancy Beatrice Heidi Aurora Penelope Iris "
            + "Clara Edith Mabel Orla Robyn Skye Eliza Libby Megan Molly Holly Amy Lauren Bethany Caitlin Georgia")
            .split(" ");
    static final String[] BOYS = ("Muhammad Noah Oliver George Leo Arthur Oscar Theodore Freddie Henry Archie "
            + "Jack Alfie Charlie Finley Thomas Luca Lucas Isaac Tommy Albert Jacob Teddy Edward Arlo Hudson Roman "
            + "Ronnie Reggie Louie Harry Joshua Elijah Reuben Hugo Jude Max Ezra Harrison Rory Mohammed Ibrahim "
            + "Yusuf Adam Ali Omar Ayaan Zayn Samuel William James Benjamin Alexander Daniel Joseph Robert Richard "
            + "Michael Christopher Matthew Nicholas Jonathan Zachary Ethan Mason Tobias Kwame Chidi Ravi Arjun "
            + "Jakub Mateusz Ciarán Declan Patrick Timothy José Zoltán Łukasz Seán Oisín Éamon Kacper Szymon "
            + "Filip Aleksander Emeka Tunde Kofi Dylan Riley Logan Toby Jayden Callum Kai Sebastian Felix Jasper "
            + "Frederick Alfred Stanley Gabriel David Elliot Ryan Nathan Caleb Aaron Aidan Owen Rhys Evan Dexter")
            .split(" ");
    static final String[] STREETS = ("High Street,Station Road,Church Lane,Victoria Road,Park Road,Green Lane,"
            + "Manor Road,Church Street,Queens Road,New Road,Mill Lane,Kings Road,London Road,Grove Road,The Avenue,"
            + "Albert Road,Springfield Road,Windsor Road,Highfield Road,York Road,Rosebery Avenue,Amwell Street,"
            + "St John's Road,Orchard Close,Beech Grove,Mount Pleasant,Alexandra Road,Chester Road,Elm Close")
            .split(",");

    /** Local authorities with their ONS code, a town, the postcode districts used, and a population weight. */
    record Authority(String code, String town, String[] districts, int weight) {
    }

    static final Authority[] AUTHORITIES = {
            new Authority("E08000025", "Birmingham", "B1 B5 B8 B11 B12 B13 B14 B20 B23 B29 B31 B42".split(" "), 114),
            new Authority("E08000035", "Leeds", "LS1 LS4 LS6 LS7 LS8 LS9 LS11 LS12 LS15 LS17".split(" "), 81),
            new Authority("E08000003", "Manchester", "M1 M4 M8 M9 M11 M13 M14 M16 M19 M20 M40".split(" "), 55),
            new Authority("E06000023", "Bristol", "BS1 BS2 BS3 BS4 BS5 BS6 BS7 BS13 BS14 BS16".split(" "), 47),
            new Authority("E08000012", "Liverpool", "L1 L4 L6 L8 L11 L13 L15 L17 L18 L25".split(" "), 49),
            new Authority("E08000019", "Sheffield", "S1 S2 S5 S6 S7 S8 S10 S11 S12 S13".split(" "), 56),
            new Authority("E06000018", "Nottingham", "NG1 NG2 NG3 NG5 NG6 NG7 NG8 NG11".split(" "), 33),
            new Authority("E06000016", "Leicester", "LE1 LE2 LE3 LE4 LE5".split(" "), 37),
            new Authority("E08000021", "Newcastle upon Tyne", "NE1 NE2 NE3 NE4 NE5 NE6 NE7 NE15".split(" "), 30),
            new Authority("E10000016", "Maidstone", "ME14 ME15 ME16 CT1 CT2 TN23 DA1 BR8".split(" "), 158),
            new Authority("E10000012", "Chelmsford", "CM1 CM2 CO1 CO2 SS1 SS14 RM16 CB10".split(" "), 148),
            new Authority("E10000017", "Preston", "PR1 PR2 BB1 BB2 LA1 FY1 FY4 BL0".split(" "), 123),
            new Authority("E10000030", "Guildford", "GU1 GU2 KT12 KT16 RH1 RH2 CR3 TW20".split(" "), 120),
            new Authority("E10000014", "Winchester", "SO22 SO23 PO7 PO9 RG21 RG24 GU14 SP10".split(" "), 139),
            new Authority("E10000028", "Stafford", "ST16 ST17 WS11 WS13 DE13 DE14 ST5".split(" "), 88),
            new Authority("E06000052", "Truro", "TR1 TR2 TR15 PL25 PL26 TR18".split(" "), 57),
            new Authority("E09000019", "London", "N1 N4 N5 N7 N19 EC1R EC1V".split(" "), 24),
            new Authority("E09000033", "London", "SW1A SW1P SW1V W1K W2 W9 NW8".split(" "), 20),
            new Authority("E09000030", "London", "E1 E2 E3 E14 E1W".split(" "), 33),
            new Authority("E09000028", "London", "SE1 SE5 SE15 SE16 SE17 SE22".split(" "), 31),
            new Authority("E09000025", "London", "E6 E7 E12 E13 E15 E16".split(" "), 40),
            new Authority("E09000005", "London", "NW2 NW6 NW9 NW10 HA0 HA9".split(" "), 35),
            new Authority("E09000008", "Croydon", "CR0 CR2 CR4 CR7 SE25".split(" "), 40),
            new Authority("E06000043", "Brighton", "BN1 BN2 BN3 BN41".split(" "), 27),
            new Authority("E06000045", "Southampton", "SO14 SO15 SO16 SO17 SO18 SO19".split(" "), 24),
            new Authority("E06000057", "Morpeth", "NE61 NE63 NE46 TD15".split(" "), 30),
            new Authority("E08000001", "Bolton", "BL1 BL2 BL3 BL4 BL5".split(" "), 29),
            new Authority("E08000032", "Bradford", "BD1 BD3 BD5 BD7 BD8 BD9".split(" "), 53),
            new Authority("E06000010", "Hull", "HU1 HU3 HU5 HU7 HU8 HU9".split(" "), 26),
            new Authority("E06000026", "Plymouth", "PL1 PL2 PL4 PL5 PL6".split(" "), 26),
    };
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private static final Map<String, String> NICKNAMES = Map.ofEntries(Map.entry("William", "Bill"),
            Map.entry("Thomas", "Tom"), Map.entry("James", "Jamie"), Map.entry("Alexander", "Alex"),
            Map.entry("Samuel", "Sam"), Map.entry("Benjamin", "Ben"), Map.entry("Oliver", "Ollie"),
            Map.entry("Elizabeth", "Libby"), Map.entry("Katherine", "Katie"), Map.entry("Rebecca", "Becky"),
            Map.entry("Abigail", "Abbie"), Map.entry("Victoria", "Tori"), Map.entry("Margaret", "Maggie"),
            Map.entry("Edward", "Ted"), Map.entry("Robert", "Bobby"), Map.entry("Richard", "Rick"),
            Map.entry("Michael", "Mikey"), Map.entry("Christopher", "Chris"), Map.entry("Matthew", "Matt"),
            Map.entry("Nicholas", "Nick"), Map.entry("Jonathan", "Jon"), Map.entry("Zachary", "Zach"),
            Map.entry("Daniel", "Danny"), Map.entry("Joseph", "Joe"), Map.entry("Henry", "Harry"),
            Map.entry("Charlotte", "Lottie"), Map.entry("Eleanor", "Ellie"), Map.entry("Isabella", "Bella"),
            Map.entry("Timothy", "Tim"), Map.entry("Patrick", "Paddy"), Map.entry("Sophia", "Sophie"),
            Map.entry("Frederick", "Freddie"), Map.entry("Alfred", "Alfie"), Map.entry("Theodore", "Theo"),
            Map.entry("Jessica", "Jess"), Map.entry("Nathan", "Nat"), Map.entry("Joshua", "Josh"),
            Map.entry("Jacob", "Jake"), Map.entry("David", "Dave"), Map.entry("Stanley", "Stan"));

    record Parent(String name, String relationship, String phone, String email) {
    }

    /** One child as a source system would submit it. */
    record Child(int index, String givenNames, String familyName, LocalDate dateOfBirth, String gender,
                 String addressLine, String town, String postcode, String authority, List<Parent> parents,
                 String school, String schoolUrn, String gp, String gpCode) {

        String firstGiven() {
            int space = givenNames.indexOf(' ');
            return space < 0 ? givenNames : givenNames.substring(0, space);
        }
    }

    /** A second record of a registered child from another source, with the errors a real feed makes. */
    record Duplicate(int original, String kind, Child record) {
    }

    /** Birthdays spread over 0-18 years (less 40 days), as England's children are. */
    static final int ALL_BIRTH_DAYS = 18 * 365 - 40;
    /** England's density: about 600,000 births a year, so about 1,650 children share each birthday. */
    static final int NATIONAL_CHILDREN_PER_BIRTHDAY = 1_650;

    private final long seed;
    /** The days the children's birthdays fall on, counted back from {@link #REFERENCE_DAY}. */
    private final int birthDays;
    private final double[] familyCumulative;
    private final double[] girlCumulative;
    private final double[] boyCumulative;
    private final int[] authorityCumulative;

    Population(long seed) {
        this(seed, ALL_BIRTH_DAYS);
    }

    /**
     * Children born over {@code birthDays} days before {@link #REFERENCE_DAY}: all 18 years spreads them thinly; a
     * national-density population of n children is born over n / 1,650 days ({@link #nationalDensity}), so each
     * birthday holds as many children as it does in England and a lookup's candidates are as many as at 11 M.
     */
    Population(long seed, int birthDays) {
        if (birthDays < 1 || birthDays > ALL_BIRTH_DAYS) {
            throw new IllegalArgumentException("birth days must be 1.." + ALL_BIRTH_DAYS + ", not " + birthDays);
        }
        this.seed = seed;
        this.birthDays = birthDays;
        // Exponents chosen so that the head matches England: Smith about 1.3% of children, the 100 commonest
        // surnames about a fifth, the most popular girl's and boy's names 3-4%.
        this.familyCumulative = zipf(FAMILIES.length, 0.6);
        this.girlCumulative = zipf(GIRLS.length, 0.45);
        this.boyCumulative = zipf(BOYS.length, 0.45);
        this.authorityCumulative = new int[AUTHORITIES.length];
        int sum = 0;
        for (int i = 0; i < AUTHORITIES.length; i++) {
            sum += AUTHORITIES[i].weight();
            authorityCumulative[i] = sum;
        }
    }

    /** A population of {@code children} at England's density of children per birthday. */
    static Population nationalDensity(long seed, int children) {
        return new Population(seed, Math.min(ALL_BIRTH_DAYS,
                Math.max(1, (children + NATIONAL_CHILDREN_PER_BIRTHDAY - 1) / NATIONAL_CHILDREN_PER_BIRTHDAY)));
    }

    private static double[] zipf(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int pick(double[] cumulative, SplittableRandom random) {
        double x = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private SplittableRandom random(long stream, int index) {
        return new SplittableRandom(seed * 1_000_003L + stream * 7_919L + index * 2_654_435_761L);
    }

    /**
     * Child {@code i}. Families: a child whose index is 1 mod 50 is the twin of child i-1 (same family name, date of
     * birth and address), one that is 7 mod 10 a younger or older sibling of child i-1 (same family name and address).
     */
    Child child(int i) {
        SplittableRandom r = random(1, i);
        Child base = null;
        String relation = null;
        if (i > 0 && i % 50 == 1) {
            base = child(i - 1);
            relation = "twin";
        } else if (i > 0 && i % 10 == 7) {
            base = child(i - 1);
            relation = "sibling";
        }
        String gender = r.nextInt(1000) < 488 ? "FEMALE" : r.nextInt(1000) < 3 ? "NOT_SPECIFIED" : "MALE";
        String given = givenName(gender, r);
        if (r.nextInt(100) < 12) {
            String second = givenName(gender, r);
            if (!second.equals(given)) {
                given = given + " " + second;
            }
        }
        if (base != null) {
            while (given.equals(base.givenNames()) || given.startsWith(base.firstGiven())) {
                given = givenName(gender, r);
            }
            LocalDate dob = "twin".equals(relation) ? base.dateOfBirth()
                    : birthDays < ALL_BIRTH_DAYS ? birthday(r)
                    : sibling(base.dateOfBirth(), r);
            return new Child(i, given, base.familyName(), dob, gender, base.addressLine(), base.town(),
                    base.postcode(), base.authority(), base.parents(), base.school(), base.schoolUrn(), base.gp(),
                    base.gpCode());
        }
        String family = familyName(r);
        LocalDate dob = birthday(r);
        Authority la = authority(r);
        String postcode = postcode(la, r);
        String line = (1 + r.nextInt(180)) + " " + STREETS[r.nextInt(STREETS.length)];
        List<Parent> parents = new ArrayList<>();
        String motherFamily = r.nextInt(100) < 80 ? family : familyName(r);
        String mother = givenName("FEMALE", r) + " " + motherFamily;
        parents.add(new Parent(mother, "MOTHER", phone(r), r.nextInt(100) < 70 ? email(mother, r) : null));
        if (r.nextInt(100) < 70) {
            String father = givenName("MALE", r) + " " + family;
            parents.add(new Parent(father, "FATHER", phone(r), null));
        }
        String school = la.town() + " " + STREETS[r.nextInt(STREETS.length)].split(" ")[0]
                + (r.nextBoolean() ? " Primary School" : " Academy");
        String urn = "URN1" + pad(r.nextInt(100_000), 5);
        String gp = STREETS[r.nextInt(STREETS.length)].split(" ")[0] + " Medical Practice";
        String gpCode = (char) ('A' + r.nextInt(26)) + pad(r.nextInt(100_000), 5);
        return new Child(i, given, family, dob, gender, line, la.town(), postcode, la.code(), parents, school, urn,
                gp, gpCode);
    }

    /**
     * One of the population's birthdays. Spread, any day of the 18 years; at national density, one of
     * {@code birthDays} days evenly spaced over the 18 years, so that every age is there (babies, pupils, teenagers,
     * and the services that go with them) while each birthday holds as many children as in England.
     */
    private LocalDate birthday(SplittableRandom r) {
        int stride = ALL_BIRTH_DAYS / birthDays;
        return REFERENCE_DAY.minusDays(1 + (long) r.nextInt(birthDays) * stride);
    }

    /** A brother's or sister's birthday, 13 months to 8 years apart, still under 18 and already born. */
    private static LocalDate sibling(LocalDate dob, SplittableRandom r) {
        long gap = 400 + r.nextInt(2500);
        LocalDate oldest = REFERENCE_DAY.minusDays(18 * 365 - 40);
        LocalDate younger = dob.plusDays(gap);
        LocalDate older = dob.minusDays(gap);
        boolean youngerFits = younger.isBefore(REFERENCE_DAY);
        boolean olderFits = older.isAfter(oldest);
        if (youngerFits && (!olderFits || r.nextBoolean())) {
            return younger;
        }
        if (olderFits) {
            return older;
        }
        return REFERENCE_DAY.minusDays(1 + r.nextInt(18 * 365 - 40));
    }

    private String givenName(String gender, SplittableRandom r) {
        boolean girl = "FEMALE".equals(gender) || ("NOT_SPECIFIED".equals(gender) && r.nextBoolean());
        return girl ? GIRLS[pick(girlCumulative, r)] : BOYS[pick(boyCumulative, r)];
    }

    // The long tail: most people's surnames are rare. Place-name surnames, built from common English elements.
    private static final String[] TAIL_START = ("Ash Black Brad Brook Cald Carl Chad Chat Clif Cran Dal Dun East Els "
            + "Fair Farn Gar Gold Green Hal Ham Hard Hart Hay Hol Kirk Lang Lin Mar Mid Mil Mor New Nor Oak Pen Rad Red "
            + "Rich Ros Rush Sand Shel Shir Stan Stock Sum Thorn Tut Wal War Wes Whit Wil Win Wood Wor Brid Cot Dray")
            .split(" ");
    private static final String[] TAIL_END = ("ley ton worth ford field by ham well wood more dale bury combe stead "
            + "croft shaw hurst wick thorpe den ridge brook stone land man son er ington cliffe bourne").split(" ");

    private String familyName(SplittableRandom r) {
        String name = r.nextInt(100) < 32 ? FAMILIES[pick(familyCumulative, r)]
                : TAIL_START[r.nextInt(TAIL_START.length)] + TAIL_END[r.nextInt(TAIL_END.length)];
        if (r.nextInt(1000) < 25) {
            String other = FAMILIES[pick(familyCumulative, r)];
            if (!other.equals(name) && !other.contains(" ") && !name.contains(" ")) {
                name = name + "-" + other;
            }
        }
        return name;
    }

    private Authority authority(SplittableRandom r) {
        int x = r.nextInt(authorityCumulative[authorityCumulative.length - 1]);
        for (int i = 0; i < authorityCumulative.length; i++) {
            if (x < authorityCumulative[i]) {
                return AUTHORITIES[i];
            }
        }
        return AUTHORITIES[0];
    }

    private static String postcode(Authority la, SplittableRandom r) {
        String district = la.districts()[r.nextInt(la.districts().length)];
        return district + " " + r.nextInt(10) + INWARD_LETTERS.charAt(r.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(r.nextInt(INWARD_LETTERS.length()));
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static String phone(SplittableRandom r) {
        return "07" + (700 + r.nextInt(300)) + " " + pad(r.nextInt(1_000_000), 6);
    }

    private static String email(String name, SplittableRandom r) {
        String folded = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder local = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'a' && c <= 'z') {
                local.append(c);
            } else if (c == ' ') {
                local.append('.');
            }
        }
        return local.append(r.nextInt(100)).append("@example.org").toString();
    }

    // ---- duplicates --------------------------------------------------------------------------------------------

    static final String[] ERROR_KINDS = {"typo-given", "typo-family", "transposed-dob", "nickname", "swapped-names",
            "changed-surname", "moved", "typo-given+moved", "nickname+typo-family", "transposed-dob+typo-given"};

    /** Duplicate number {@code d} of {@code count}: a corrupted copy of a registered child among the first n. */
    Duplicate duplicate(int d, int n) {
        SplittableRandom r = random(2, d);
        int original = r.nextInt(n);
        Child c = child(original);
        String kind = ERROR_KINDS[r.nextInt(ERROR_KINDS.length)];
        String given = c.givenNames();
        String family = c.familyName();
        LocalDate dob = c.dateOfBirth();
        String line = c.addressLine();
        String postcode = c.postcode();
        String la = c.authority();
        String town = c.town();
        for (String k : kind.split("\\+")) {
            switch (k) {
                case "typo-given" -> given = typo(given, r);
                case "typo-family" -> family = typo(family, r);
                case "transposed-dob" -> dob = transposed(dob, r);
                case "nickname" -> {
                    String nick = NICKNAMES.get(c.firstGiven());
                    given = nick != null ? nick : typo(given, r);
                }
                case "swapped-names" -> {
                    String t = given;
                    given = family;
                    family = t;
                }
                case "changed-surname" -> {
                    String other = familyName(r);
                    family = other.equals(family) ? family + "-" + FAMILIES[r.nextInt(40)] : other;
                }
                case "moved" -> {
                    Authority moved = authority(r);
                    postcode = postcode(moved, r);
                    la = moved.code();
                    town = moved.town();
                    line = (1 + r.nextInt(180)) + " " + STREETS[r.nextInt(STREETS.length)];
                }
                default -> throw new IllegalStateException(k);
            }
        }
        Child record = new Child(c.index(), given, family, dob, c.gender(), line, town, postcode, la, c.parents(),
                c.school(), c.schoolUrn(), c.gp(), c.gpCode());
        return new Duplicate(original, kind, record);
    }

    /** One keying error: a dropped, doubled, swapped or substituted letter (never the first letter). */
    static String typo(String name, SplittableRandom r) {
        String word = name;
        int space = name.indexOf(' ');
        String rest = "";
        if (space > 0) {
            word = name.substring(0, space);
            rest = name.substring(space);
        }
        if (word.length() < 4) {
            return word + word.charAt(word.length() - 1) + rest;
        }
        int at = 1 + r.nextInt(word.length() - 2);
        char[] chars = word.toCharArray();
        String typo = switch (r.nextInt(4)) {
            case 0 -> word.substring(0, at) + word.substring(at + 1);
            case 1 -> word.substring(0, at) + chars[at] + word.substring(at);
            case 2 -> {
                char t = chars[at];
                chars[at] = chars[at + 1];
                chars[at + 1] = t;
                yield new String(chars);
            }
            default -> {
                String keys = "aeiourstnl";
                char sub = keys.charAt(r.nextInt(keys.length()));
                if (sub == chars[at]) {
                    sub = 'e' == sub ? 'a' : 'e';
                }
                chars[at] = sub;
                yield new String(chars);
            }
        };
        return typo.equals(word) ? word + "e" + rest : typo + rest;
    }

    /**
     * A duplicate's date of birth keyed in wrongly: its transposition when it has one, otherwise a day off by one
     * (a uniform date of birth has a transposition in about 43 % of cases).
     */
    static LocalDate transposed(LocalDate dob, SplittableRandom r) {
        LocalDate swapped = transposition(dob);
        return swapped != null ? swapped : dob.getDayOfMonth() > 1 ? dob.minusDays(1) : dob.plusDays(1);
    }

    /**
     * Day and month swapped (American order) when both are 12 or less, else the day's two digits swapped when that is
     * a real date; {@code null} when the date has neither (or it would fall after the reference day).
     */
    static LocalDate transposition(LocalDate dob) {
        int d = dob.getDayOfMonth();
        int m = dob.getMonthValue();
        LocalDate swapped = null;
        if (d <= 12 && d != m) {
            swapped = LocalDate.of(dob.getYear(), d, m);
        } else if (d >= 10 && d % 10 != d / 10 && (d % 10) * 10 + d / 10 <= dob.lengthOfMonth()
                && d % 10 != 0) {
            swapped = dob.withDayOfMonth((d % 10) * 10 + d / 10);
        }
        return swapped == null || !swapped.isBefore(REFERENCE_DAY) ? null : swapped;
    }

    // ---- JSON as the feed takes it -------------------------------------------------------------------------

    static String sourceRecordJson(Child c, String source, String sourceId) {
        StringBuilder b = new StringBuilder(600);
        b.append("{\"givenNames\":").append(Json.str(c.givenNames()))
                .append(",\"familyName\":").append(Json.str(c.familyName()))
                .append(",\"dateOfBirth\":\"").append(c.dateOfBirth()).append('"')
                .append(",\"gender\":\"").append(c.gender()).append('"')
                .append(",\"address\":{\"lines\":[").append(Json.str(c.addressLine())).append("],\"town\":")
                .append(Json.str(c.town())).append(",\"postcode\":").append(Json.str(c.postcode())).append('}')
                .append(",\"responsibleLocalAuthority\":\"").append(c.authority()).append('"')
                .append(",\"parentsCarers\":[");
        for (int p = 0; p < c.parents().size(); p++) {
            Parent parent = c.parents().get(p);
            if (p > 0) {
                b.append(',');
            }
            b.append("{\"name\":").append(Json.str(parent.name())).append(",\"relationship\":\"")
                    .append(parent.relationship()).append("\",\"parentalResponsibility\":true,\"phone\":")
                    .append(Json.str(parent.phone()));
            if (parent.email() != null) {
                b.append(",\"email\":").append(Json.str(parent.email()));
            }
            b.append('}');
        }
        b.append("],\"source\":\"").append(source).append("\",\"sourceId\":").append(Json.str(sourceId)).append('}');
        return b.toString();
    }

    // ---- involvements: who works with each child -----------------------------------------------------------------

    /** One service working with a child, as an agency submits it (the fields of POST /involvements). */
    record Involvement(String serviceType, String organisation, String organisationCode, String practitioner,
                       String role, String phone, LocalDate startDate, boolean leadProfessional) {
    }

    /** About 420 pupils per school and 1,750 registered children per GP practice, as in England. */
    static final int CHILDREN_PER_SCHOOL = 420;
    static final int CHILDREN_PER_PRACTICE = 1_750;

    /**
     * The services working with child {@code c} of a register of {@code registerSize} children, 2-4 of them: its GP
     * practice; under five a health visitor and (from two, for seven in ten) a nursery; from five a school and (for
     * one in two) the school nurse; about 6 % are known to children's social care, whose social worker is then lead
     * professional. The organisations are as
     * many as England has for that many children (a school per 420 children and a practice per 1,750 in each local
     * authority; one health visiting, school nursing and social care service per authority), so an agency's initial
     * load has a realistic size. Deterministic by seed and index, like the child.
     */
    List<Involvement> involvements(Child c, int registerSize) {
        SplittableRandom r = random(3, c.index());
        int la = authorityIndex(c);
        Authority authority = AUTHORITIES[la];
        int schools = Math.max(1, registerSize / CHILDREN_PER_SCHOOL / AUTHORITIES.length);
        int practices = Math.max(1, registerSize / CHILDREN_PER_PRACTICE / AUTHORITIES.length);
        List<Involvement> list = new ArrayList<>(4);
        LocalDate born = c.dateOfBirth();
        int practice = Math.floorMod(c.gpCode().hashCode(), practices);
        list.add(new Involvement("GP", authority.town() + " " + organisationName(practice) + " Medical Practice",
                String.format(Locale.ROOT, "G%02d%04d", la, practice), null, null, phone(r),
                started(born.plusWeeks(6)), false));
        int school = Math.floorMod(c.schoolUrn().hashCode(), schools);
        if (born.isAfter(REFERENCE_DAY.minusYears(5))) {
            list.add(new Involvement("HEALTH_VISITOR", authority.town() + " Health Visiting Service",
                    "HV" + authority.code(), givenName("FEMALE", r) + " " + familyName(r), "Health Visitor", phone(r),
                    started(born.plusDays(10)), false));
            // Most children from two go to a nursery or childminder (funded hours).
            if (born.isBefore(REFERENCE_DAY.minusYears(2)) && r.nextInt(10) < 7) {
                list.add(new Involvement("EARLY_YEARS", authority.town() + " " + organisationName(school)
                        + " Nursery", String.format(Locale.ROOT, "EY%02d%04d", la, school), null, null, phone(r),
                        started(born.plusYears(2)), false));
            }
        } else {
            // Reception class: the September after the fourth birthday.
            LocalDate september = LocalDate.of(born.getYear() + (born.getMonthValue() >= 9 ? 5 : 4), 9, 1);
            list.add(new Involvement("SCHOOL", authority.town() + " " + organisationName(school) + " School",
                    String.format(Locale.ROOT, "URN%02d%04d", la, school), null, null, phone(r), started(september),
                    false));
            if (r.nextInt(2) == 0) {
                list.add(new Involvement("SCHOOL_NURSE", authority.town() + " School Nursing Service",
                        "SN" + authority.code(), givenName("FEMALE", r) + " " + familyName(r), "School Nurse",
                        phone(r), started(september), false));
            }
        }
        if (r.nextInt(100) < 6) {
            long ageDays = REFERENCE_DAY.toEpochDay() - born.toEpochDay();
            list.add(new Involvement("CHILDRENS_SOCIAL_CARE", authority.town() + " Children's Social Care",
                    "CSC" + authority.code(), givenName(r.nextBoolean() ? "FEMALE" : "MALE", r) + " " + familyName(r),
                    "Social Worker", phone(r), born.plusDays(r.nextLong(Math.max(1, ageDays))), true));
        }
        return list;
    }

    /** A service's start date, never after the reference day (a submission's start date may not be in the future). */
    private static LocalDate started(LocalDate date) {
        return date.isAfter(REFERENCE_DAY) ? REFERENCE_DAY : date;
    }

    /** "Station Road", "Station Road 2", ...: a street name, numbered once the streets run out. */
    private static String organisationName(int k) {
        String street = STREETS[k % STREETS.length];
        return k < STREETS.length ? street : street + " " + (k / STREETS.length + 1);
    }

    private static int authorityIndex(Child c) {
        for (int i = 0; i < AUTHORITIES.length; i++) {
            if (AUTHORITIES[i].code().equals(c.authority()) && AUTHORITIES[i].town().equals(c.town())) {
                return i;
            }
        }
        return 0;
    }

    /**
     * An involvement as a POST /involvements body (and one line of an involvement import). The child is named by its
     * ContactPoint ID when known, or else by the health feed's source id ({@code H<i>}, which identity-service holds
     * for the child and publishes), as an agency loading its records before it knows the IDs would name it.
     */
    static String involvementJson(String contactPointId, int childIndex, String submissionId, Involvement v) {
        StringBuilder b = new StringBuilder(400);
        b.append("{\"submissionId\":").append(Json.str(submissionId));
        if (contactPointId != null) {
            b.append(",\"contactPointId\":\"").append(contactPointId).append('"');
        } else {
            b.append(",\"sourceIdentifier\":{\"scheme\":\"SOURCE_ID\",\"value\":\"H").append(childIndex)
                    .append("\",\"source\":\"HEALTH_DEMOGRAPHICS\"}");
        }
        b.append("")
                .append(",\"serviceType\":\"").append(v.serviceType()).append('"')
                .append(",\"organisation\":{\"name\":").append(Json.str(v.organisation())).append(",\"code\":")
                .append(Json.str(v.organisationCode())).append('}');
        if (v.practitioner() != null) {
            b.append(",\"practitioner\":{\"name\":").append(Json.str(v.practitioner())).append(",\"role\":")
                    .append(Json.str(v.role())).append('}');
        }
        b.append(",\"contact\":{\"phone\":").append(Json.str(v.phone())).append('}')
                .append(",\"startDate\":\"").append(v.startDate()).append('"')
                .append(",\"leadProfessional\":").append(v.leadProfessional())
                .append(",\"cafHeld\":false}");
        return b.toString();
    }
}
