"""Special educational needs code lists, as the school census and the SEN2 return code them.

Kept here, below every service, because more than one service asks for a child's type of need
(TESS's needs assessment, the LA's requests for an EHC needs assessment) and a service never
imports another. "NSA" (SEN support without a specialist assessment of need) is a census-only
code, valid only with SEN support, so it is not offered where a need is being assessed.
"""

NEED_TYPES: tuple[tuple[str, str], ...] = (
    ("SPLD", "Specific learning difficulty"),
    ("MLD", "Moderate learning difficulty"),
    ("SLD", "Severe learning difficulty"),
    ("PMLD", "Profound and multiple learning difficulty"),
    ("SEMH", "Social, emotional and mental health"),
    ("SLCN", "Speech, language and communication needs"),
    ("HI", "Hearing impairment"),
    ("VI", "Vision impairment"),
    ("MSI", "Multi-sensory impairment"),
    ("PD", "Physical disability"),
    ("ASD", "Autistic spectrum disorder"),
    ("OTH", "Other difficulty or disability"),
)

# The census's SEN provision: E an EHC plan, K SEN support, N no special educational need.
SEN_PROVISION: tuple[tuple[str, str], ...] = (
    ("N", "No special educational needs"),
    ("K", "SEN support"),
    ("E", "Education, health and care plan"),
)
