"""Hand-read expectations for the Council conclusions on the EU Space Strategy for
Security and Defence (ST 14512/23).

These were read off the text by a person, not computed from the patterns in `source/`:
they are the oracle the build is tested against. Ids are those of `source/instruments.yml`,
`source/glossary.yml` and `source/actors.yml`; verbs are the canonical forms of
`source/verbs.yml`.

INSTRUMENTS_BY_PARAGRAPH / TERMS_BY_PARAGRAPH: the instruments and glossary terms mentioned
in the paragraph's own text (not in the footnotes it refers to).

CLAUSES_BY_PARAGRAPH: for each paragraph, its clauses in order, as
(verb, [ids of the actors the clause asks to act, in order of appearance]). A clause starts
at each operative verb. Only request verbs (INVITES, CALLS UPON/ON/FOR, ENCOURAGES, URGES)
have addressees, and only actors asked "to <do something>"; actors named after "in
(close) coordination with", "in (close) cooperation with", "as well as with" and the like
are partners, not addressees.
"""

INSTRUMENTS_BY_PARAGRAPH: dict[int, set[str]] = {
    2: {"un-charter", "outer-space-treaty", "un-space-treaties"},
    7: {"eu-space-programme"},
    9: {"joint-communication-space-strategy"},
    12: set(),
    13: {"eu-space-law", "nis2-directive", "cer-directive", "eu-space-programme"},
    15: {"chips-act", "eu-space-programme", "fdi-screening-regulation"},
    17: set(),
    19: {
        "council-decision-cfsp-2021-698",
        "space-threat-response-architecture",
        "space-response-toolbox",
        "cyber-diplomacy-toolbox",
        "hybrid-toolbox",
    },
    22: {"council-decision-cfsp-2021-698"},
    23: {"strategic-compass", "treaty-on-european-union", "teu-article-42-7"},
    24: set(),
    26: {"eu-space-programme"},
    27: {"eu-space-programme", "european-defence-fund", "horizon-europe"},
    28: {"capability-development-plan"},
    29: {
        "strategic-compass",
        "joint-framework-arrangement",
        "pesco",
        "common-hub-for-governmental-imagery",
    },
    30: {
        "european-defence-fund",
        "pesco",
        "edf22-spider",
        "common-hub-for-governmental-imagery",
        "copernicus",
    },
    31: {"european-defence-fund", "eu-sst", "pesco", "eu-ssa-n"},
    32: {"galileo", "galileo-prs"},
    33: {"iris2", "secure-connectivity-regulation"},
    34: {"eu-space-programme", "space-regulation"},
    35: {"cassini", "defence-innovation-scheme"},
    36: {"eu-space-academy", "space-skills-partnership"},
    38: {"unga-resolution-77-41"},
    39: {"unga-resolution-77-41"},
    42: {"eu-nato-joint-declaration-2023"},
    43: {"joint-communication-space-strategy"},
}

TERMS_BY_PARAGRAPH: dict[int, set[str]] = {
    2: {"global-commons", "un"},
    7: {"dual-use", "civil-nature", "downstream"},
    9: set(),
    12: set(),
    13: {"nis2", "cer", "un", "proportionality", "euspa", "strategic-autonomy"},
    15: {
        "technological-sovereignty",
        "security-of-supply",
        "like-minded",
        "euspa",
        "esa",
        "eda",
        "high-representative",
        "strategic-dependencies",
        "fdi",
    },
    17: {"emerging-disruptive-technologies", "in-orbit-servicing"},
    19: {"high-representative", "cfsp", "restrictive-measures", "capacity-building"},
    22: {"high-representative", "euspa", "eu-satcen", "eumc"},
    23: {"mutual-assistance", "high-representative"},
    24: {"operational-domain"},
    26: {"dual-use", "civil-nature", "mff"},
    27: {"edf"},
    28: {"eda"},
    29: {"eu-satcen", "geospatial-intelligence", "collateral-data", "earth-observation", "pesco"},
    30: {
        "earth-observation",
        "edf",
        "pesco",
        "cohgi",
        "anchor-tenancy",
        "eu-satcen",
        "euspa",
        "mff",
        "civil-nature",
    },
    31: {"sda", "edf", "high-representative", "eu-sst", "pesco", "eu-ssa-n"},
    32: {"pnt", "prs", "gnss", "civil-nature"},
    33: {"iris2", "esa"},
    34: {"esa", "european-preference", "autonomous-access-to-space"},
    35: {"emerging-disruptive-technologies", "new-space"},
    36: {"eda", "euspa"},
    38: {"dual-use", "un", "oewg", "unga", "binding-commitments"},
    39: {"direct-ascent", "asat", "unga", "un"},
    42: {"nato", "high-representative"},
    43: {"high-representative"},
}

CLAUSES_BY_PARAGRAPH: dict[int, list[tuple[str, list[str]]]] = {
    1: [("ACKNOWLEDGES", []), ("REAFFIRMS", []), ("STRESSES", [])],
    2: [
        ("REAFFIRMS", []),
        ("REITERATES", []),
        ("RECALLS", []),
        ("STRESSES", []),
        ("URGES", ["commission"]),
    ],
    10: [
        ("INVITES", ["high-representative"]),
        ("INVITES", ["high-representative"]),
        # "ENCOURAGES the Commission, as well as with public and private space actors, to
        # contribute": the public and private actors are associated, not addressed.
        ("ENCOURAGES", ["commission"]),
        ("CALLS UPON", ["siac"]),
    ],
    # "ENCOURAGES the strengthening of SIAC ...": a thing is encouraged, nobody is asked.
    11: [("ENCOURAGES", []), ("WELCOMES", [])],
    13: [
        ("STRESSES", []),
        ("ACKNOWLEDGES", []),
        ("SUPPORTS", []),
        ("RECALLS", []),
        ("RECALLS", []),
        ("UNDERLINES", []),
        ("STRESSES", []),
        ("CALLS FOR", []),
    ],
    15: [("RECOGNISES", []), ("STRESSES", []), ("URGES", ["commission"]), ("NOTES", [])],
    16: [("UNDERLINES", []), ("ENCOURAGES", ["commission"])],
    19: [
        ("INVITES", ["high-representative"]),
        # "CALLS UPON the High Representative, in cooperation with the Commission, for the
        # capacity-building aspects, and the Member States, to develop ...": the High
        # Representative and the Member States are asked to develop the toolbox; the
        # Commission is a partner ("in cooperation with").
        ("CALLS UPON", ["high-representative", "member-states"]),
    ],
    21: [
        ("STRESSES", []),
        ("HIGHLIGHTS", []),
        ("RECALLS", []),
        ("INVITES", ["high-representative", "member-states", "commission"]),
    ],
    22: [
        ("INVITES", ["member-states"]),
        ("CALLS UPON", ["high-representative"]),
        ("INVITES", ["high-representative"]),
        ("STRESSES", []),
    ],
    23: [
        ("STRESSES", []),
        ("UNDERLINES", []),
        ("STRESSES", []),
        ("INVITES", ["high-representative"]),
    ],
    25: [("REITERATES", []), ("INVITES", ["high-representative"])],
    27: [
        ("CALLS UPON", ["commission"]),
        ("ENCOURAGES", ["commission"]),
        ("ENCOURAGES", ["commission"]),
        ("CALLS UPON", ["commission"]),
    ],
    28: [("CALLS UPON", ["eda"]), ("ENCOURAGES", ["member-states", "eda"])],
    30: [
        ("WELCOMES", []),
        ("ENCOURAGES", ["commission"]),
        ("RECALLS", []),
        ("STRESSES", []),
        ("ACKNOWLEDGES", []),
        ("STRESSES", []),
    ],
    31: [
        ("UNDERLINES", []),
        ("ENCOURAGES", []),
        ("NOTES", []),
        ("WELCOMES", []),
        ("REITERATES", []),
    ],
    33: [("WELCOMES", []), ("ENCOURAGES", ["commission"]), ("ACKNOWLEDGES", [])],
    34: [
        ("STRESSES", []),
        ("STRESSES", []),
        ("SUPPORTS", []),
        ("STRESSES", []),
        ("ENCOURAGES", ["commission"]),
        ("RECALLS", []),
        ("INVITES", ["commission"]),
    ],
    36: [
        ("ENCOURAGES", []),
        ("SUPPORTS", []),
        ("INVITES", ["esdc"]),
        ("WELCOMES", []),
        ("ENCOURAGES", ["commission"]),
    ],
    39: [
        ("CONDEMNS", []),
        ("RESTATES", []),
        ("CALLS ON", ["all-states"]),
        ("REAFFIRMS", []),
    ],
    41: [
        ("STRESSES", []),
        ("WELCOMES", []),
        ("INVITES", ["high-representative", "commission"]),
    ],
    42: [
        ("REAFFIRMS", []),
        # "ENCOURAGES close cooperation between EU and NATO staff to discuss ...": the
        # cooperation is encouraged; NATO is not an addressee of the Council.
        ("ENCOURAGES", []),
        ("INVITES", ["high-representative", "commission"]),
        ("WELCOMES", []),
    ],
    43: [("CALLS UPON", ["high-representative", "commission"])],
    44: [("LOOKS FORWARD", [])],
}
