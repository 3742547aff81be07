"""The seed's news items, Dutch as on the campaign's page, English translated."""

from typing import Any

# The seed's eight news items. Dates are given to the month (the site shows month and year).
NEWS_ITEMS: list[dict[str, Any]] = [
    {
        "slug": "edpb-edps-serious-concerns",
        "date": "2022-07-28",
        "external_url": "",
        "nl": (
            "De EDPB en de EDPS maken zich ernstig zorgen over de CSA-verordening",
            "De European Data Protection Board (EDPB) en de European Data Protection Supervisor "
            "(EDPS) waarschuwen voor grote risico's op het gebied van gegevensbescherming en de "
            "bescherming van fundamentele grondrechten.",
        ),
        "en": (
            "The EDPB and the EDPS are seriously concerned about the CSA Regulation",
            "The European Data Protection Board (EDPB) and the European Data Protection "
            "Supervisor (EDPS) warn of major risks to data protection and to the protection of "
            "fundamental rights.",
        ),
    },
    {
        "slug": "misleading-statistics",
        "date": "2023-02-01",
        "external_url": "",
        "nl": (
            "Hoe misleidende statistieken de Europese wetgever beïnvloedt",
            "Hoe wordt seksueel geweld tegen minderjarigen gekwantificeerd? Wat blijkt: er "
            "circuleren veel misleidende cijfers op basis waarvan politici roepen om meer "
            "surveillance. Een analyse van de grootste misverstanden.",
        ),
        "en": (
            "How misleading statistics influence the European lawmaker",
            "How is sexual violence against minors quantified? It turns out that many "
            "misleading figures are circulating, on the basis of which politicians call for more "
            "surveillance. An analysis of the biggest misconceptions.",
        ),
    },
    {
        "slug": "un-human-rights",
        "date": "2022-12-01",
        "external_url": "",
        "nl": (
            "VN: voorgestelde verordening mogelijk niet verenigbaar met de mensenrechten",
            "VN-mensenrechtencommissaris Volker Türk spreekt zich uit tegen de plannen van de EU "
            "om zonder verdenking alle privéberichten en foto's te doorzoeken met behulp van "
            "foutgevoelige algoritmen.",
        ),
        "en": (
            "UN: proposed regulation may be incompatible with human rights",
            "UN High Commissioner for Human Rights Volker Türk speaks out against the EU's plans "
            "to search all private messages and photos without suspicion, using error-prone "
            "algorithms.",
        ),
    },
    {
        "slug": "regulatory-scrutiny-board",
        "date": "2022-05-11",
        "external_url": "",
        "nl": (
            "Adviesorgaan van de Europese Commissie: efficiëntie niet aangetoond",
            "De adviesraad wijst erop dat het CSA-voorstel onvoldoende duidelijk is over de "
            "manier waarop de maatregelen voor het opsporen van materiaal van kindermisbruik het "
            "verbod op een algemene monitoringsverplichting respecteert en over de vraag of die "
            "zelfs efficiënt zijn.",
        ),
        "en": (
            "European Commission advisory body: effectiveness not demonstrated",
            "The advisory board points out that the CSA proposal is not clear enough about how "
            "the measures to detect child sexual abuse material respect the ban on a general "
            "monitoring obligation, nor about whether they are even effective.",
        ),
    },
    {
        "slug": "google-flagged-father",
        "date": "2022-08-21",
        "external_url": (
            "https://www.nytimes.com/2022/08/21/technology/google-surveillance-toddler-photo.html"
        ),
        "nl": (
            "Een vader nam op verzoek van de dokter foto's van zijn naakte peuter. Google "
            "bestempelde hem als een crimineel",
            "Google gebruikt computers en kunstmatige intelligentie om misbruik van kinderen op "
            "te sporen. Maar het systeem kan zich vergissen, en de gevolgen zijn ernstig.",
        ),
        "en": (
            "A father took photos of his naked toddler at the doctor's request. Google labelled "
            "him a criminal",
            "Google uses computers and artificial intelligence to detect child abuse. But the "
            "system can get it wrong, and the consequences are serious.",
        ),
    },
    {
        "slug": "eesc-disproportionate-measures",
        "date": "2022-09-21",
        "external_url": "",
        "nl": (
            'EESC: "niet-proportionele maatregelen" met een risico op "grootschalige surveillance"',
            "Het Europees Economisch en Sociaal Comité (EESC) is van mening dat het CSA-voorstel "
            'maatregelen bevat die "onevenredig zwaar" zijn, waarschuwt voor het "risico van '
            'een grooschalige surveillance van alle online communicatie". Ze plaatst ook '
            'vraagtekens bij de inzet van "een algemene monitoringsverplichting voor hosting- en '
            'communicatiediensten". De instantie verzoekt de wetgever de tekst beter en '
            "specifieker te maken om het briefgeheim en de eerbiediging van de privacy te "
            "waarborgen.",
        ),
        "en": (
            'EESC: "disproportionate measures" with a risk of "mass surveillance"',
            "The European Economic and Social Committee (EESC) considers that the CSA proposal "
            'contains measures that are "disproportionately heavy" and warns of the "risk of '
            'mass surveillance of all online communication". It also questions the use of "a '
            'general monitoring obligation for hosting and communication services". The body '
            "asks the lawmaker to make the text better and more specific in order to safeguard "
            "the confidentiality of correspondence and respect for privacy.",
        ),
    },
    {
        "slug": "commission-relies-on-company-data",
        "date": "2022-11-01",
        "external_url": "",
        "nl": (
            "De Europese Commissie doet haar huiswerk niet en vertrouwt in plaats daarvan blind "
            "op gegevens van commerciële bedrijven",
            "De Commissie gebruikte alleen de gegevens over de betrouwbaarheid van de "
            "technologieën om seksueel misbruik van kinderen op te sporen van Meta en een ander "
            "technologiebedrijf, zo bleek uit op documenten die op van voormalig lid van het "
            "Europees Parlement Felix Reda openbaar werden.",
        ),
        "en": (
            "The European Commission does not do its homework and instead relies blindly on "
            "data from commercial companies",
            "On the reliability of technologies to detect child sexual abuse, the Commission "
            "used only data from Meta and one other technology company, according to documents "
            "that former Member of the European Parliament Felix Reda made public.",
        ),
    },
    {
        "slug": "meps-no-mass-surveillance",
        "date": "2022-10-01",
        "external_url": "",
        "nl": (
            'Leden van verschillende fracties in het Europees Parlement: "Creëer geen systeem '
            'voor massasurveillance."',
            "Leden van het Europees Parlement slaan alarm over het voorstel van de Europese "
            'Commissie: "Grootschalige surveillance op digitale communicatie zou leidt tot '
            'grote onzekerheid, wantrouwen en onrust onder burgers en bedrijven".',
        ),
        "en": (
            'Members of several groups in the European Parliament: "Do not create a system of '
            'mass surveillance."',
            "Members of the European Parliament are sounding the alarm about the European "
            "Commission's proposal: \"Large-scale surveillance of digital communications would "
            'lead to great insecurity, mistrust and unrest among citizens and businesses".',
        ),
    },
]
