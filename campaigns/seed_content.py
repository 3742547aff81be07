"""The Stop Scanning Me content that `manage.py load_campaign` puts in the database.

Dutch is the text of the campaign's Dutch home page, word for word (including its wording
quirks: campaigners change it in the admin, not here). English is a faithful translation.
Texts that the home page does not show (share text, petition, the how-CSAR page, the consent
wording) were written for this site in both languages.
"""

from typing import Any

CAMPAIGN: dict[str, Any] = {
    "slug": "stop-scanning-me",
    "goal": 100_000,
    "endorsements_elsewhere": 133,
    "hashtag": "#StopScanningMe",
    # A placeholder for the campaign to replace in the admin (shown on the privacy page).
    "contact_name": "Stop Scanning Me",
    "contact_email": "privacy@example.org",
    "contact_address": "",
}

CAMPAIGN_TRANSLATIONS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Stop scanning me!",
        "tagline": "Privacy maakt sterker, surveillance verzwakt.",
        "intro": (
            "We zijn allemaal gebaat bij vrijheid en privacy om onze identiteit te onderzoeken, "
            "onze toekomst vorm te geven en samen te komen. We hebben allemaal veilige ruimten "
            "nodig, vooral in onveilige situaties.\n\n"
            "In 2022 stelde de Europese wetgever nieuwe regels voor met het nobele doel kinderen "
            "te beschermen. Met deze wet kunnen autoriteiten echter ieders' legitieme gesprekken "
            "laten afluisteren.\n\n"
            "Daarmee schaden beleidsmakers iedereen, ook degenen die ze nou juist wil beschermen. "
            "Niemand wordt beter beschermd door het internet minder veilig te maken.\n\n"
            "De EU moet mensen in staat stellen zichzelf te ontwikkelen, contacten te leggen en "
            "zich te organiseren voor nu en voor toekomstige generaties. Als we samenwerken, "
            "kunnen we kinderen beschermen en tegelijkertijd de vertrouwelijkheid en veiligheid "
            "online handhaven."
        ),
        "meta_description": (
            "Teken de petitie tegen de CSA-verordening van de EU, die al onze privéberichten wil "
            "laten scannen. Privacy maakt sterker, surveillance verzwakt."
        ),
        "share_text": (
            "Stop scanning me! De EU wil al onze privéberichten laten scannen. Privacy maakt "
            "sterker, surveillance verzwakt. Teken de petitie! #StopScanningMe"
        ),
        "petition_title": (
            "Stop scanning me: bescherm kinderen zonder massasurveillance van onze privéberichten"
        ),
        "petition_text": (
            "Wij, de ondertekenaars, roepen u op elke wet te verwerpen die het algemeen en "
            "ongericht scannen van privécommunicatie toestaat, waaronder de voorgestelde "
            "verordening ter voorkoming en bestrijding van seksueel misbruik van kinderen "
            "(CSA-verordening).\n\n"
            "Het scannen van privéberichten ondermijnt versleuteling en veiligheid voor iedereen, "
            "leidt tot valse beschuldigingen en beschermt kinderen niet. Bescherm kinderen met "
            "maatregelen die werken en die onze grondrechten op privacy en vertrouwelijke "
            "communicatie respecteren."
        ),
        "petition_addressees": "Leden van het Europees Parlement",
        "closing_statement": (
            "Als we samenwerken, kunnen we kinderen beschermen en tegelijkertijd de "
            "vertrouwelijkheid en veiligheid online waarborgen."
        ),
        "newsletter_text": (
            "Lees het laatste nieuws over de campagne Stop Scanning Me en hoe je kunt bijdragen "
            "aan een veilig internet voor iedereen."
        ),
        "consent_text": (
            "Ja, houd me per e-mail op de hoogte van de campagne Stop Scanning Me. Ik kan me op "
            "elk moment afmelden."
        ),
    },
    "en": {
        "title": "Stop scanning me!",
        "tagline": "Privacy makes us stronger, surveillance makes us weaker.",
        "intro": (
            "We all benefit from the freedom and privacy to explore our identities, shape our "
            "future and come together. We all need safe spaces, especially in unsafe "
            "situations.\n\n"
            "In 2022, the European lawmaker proposed new rules with the noble aim of protecting "
            "children. Yet this law would let authorities have everyone's legitimate "
            "conversations intercepted.\n\n"
            "In doing so, policymakers harm everyone, including the very people they want to "
            "protect. No one is better protected by making the internet less safe.\n\n"
            "The EU must enable people to develop themselves, to connect and to organise, now "
            "and for future generations. If we work together, we can protect children while "
            "upholding confidentiality and security online."
        ),
        "meta_description": (
            "Sign the petition against the EU's CSA Regulation, which would have all our "
            "private messages scanned. Privacy makes us stronger, surveillance makes us weaker."
        ),
        "share_text": (
            "Stop scanning me! The EU wants to have all our private messages scanned. Privacy "
            "makes us stronger, surveillance makes us weaker. Sign the petition! #StopScanningMe"
        ),
        "petition_title": (
            "Stop scanning me: protect children without mass surveillance of our private messages"
        ),
        "petition_text": (
            "We, the undersigned, call on you to reject any law that allows the general and "
            "indiscriminate scanning of private communications, including the proposed "
            "Regulation to prevent and combat child sexual abuse (CSA Regulation).\n\n"
            "Scanning private messages undermines encryption and security for everyone, leads "
            "to false accusations and does not protect children. Protect children with measures "
            "that work and that respect our fundamental rights to privacy and confidential "
            "communication."
        ),
        "petition_addressees": "Members of the European Parliament",
        "closing_statement": (
            "If we work together, we can protect children while safeguarding confidentiality "
            "and security online."
        ),
        "newsletter_text": (
            "Read the latest news about the Stop Scanning Me campaign and how you can "
            "contribute to a safe internet for everyone."
        ),
        "consent_text": (
            "Yes, keep me informed about the Stop Scanning Me campaign by email. I can "
            "unsubscribe at any time."
        ),
    },
}

# "Why should I care?": the first sentence is the title, the rest the text.
REASONS: list[dict[str, Any]] = [
    {
        "order": 1,
        "nl": (
            "Je privéberichten worden gemonitored",
            "Je kunt dan niets meer delen wat ook maar een beetje intiem is, zonder het risico "
            "te lopen dat je berichten, foto's en video's in handen komen van een of andere "
            "overheidsinstelling.",
        ),
        "en": (
            "Your private messages will be monitored",
            "You would no longer be able to share anything even slightly intimate without "
            "running the risk that your messages, photos and videos end up in the hands of some "
            "government agency.",
        ),
    },
    {
        "order": 2,
        "nl": (
            "Deze technologie maakt veel fouten.",
            "En als gevolg daarvan kun je worden beschuldigd van kindermisbruik zonder dat je "
            "iets verkeerd hebt gedaan.",
        ),
        "en": (
            "This technology makes many mistakes.",
            "And as a result, you could be accused of child abuse without having done anything "
            "wrong.",
        ),
    },
    {
        "order": 3,
        "nl": (
            "We kunnen het ons niet veroorloven het fout te doen.",
            "We zijn het er allemaal over eens: seksueel misbruik van kinderen is afschuwelijk. "
            "Als samenleving moeten we doen wat nodig is om dit probleem aan te pakken, zonder "
            "tijd te verspillen aan acties die bewezen ineffectief en schadelijk zijn.",
        ),
        "en": (
            "We cannot afford to get this wrong.",
            "We all agree: the sexual abuse of children is appalling. As a society, we must do "
            "what it takes to tackle this problem, without wasting time on measures that have "
            "been proven ineffective and harmful.",
        ),
    },
]

# The "How CSAR affects us" page: one section for everyone, then the groups in particular.
AFFECTED_GROUPS: list[dict[str, Any]] = [
    {
        "slug": "everyone",
        "order": 1,
        "en": (
            "Everyone who communicates online",
            "The proposed Regulation to prevent and combat child sexual abuse (CSAR), presented "
            "by the European Commission in May 2022, would allow authorities to order "
            "messaging apps, email providers and other online services to search their users' "
            "private communications for child sexual abuse material and for “grooming”. Not "
            "only the messages of people suspected of a crime would be searched, but the "
            "messages, photos and videos of everyone who uses the service.\n\n"
            "For end-to-end encrypted services such as Signal or WhatsApp, that is only "
            "possible by checking what you write on your own device before it is encrypted "
            "(“client-side scanning”). That breaks the promise of encryption: that no one but "
            "you and the person you are talking to can read your conversation. Once such a "
            "scanning system exists, it can be used for other purposes, and it can be abused "
            "by criminals and hostile governments.\n\n"
            "Scanning technology makes mistakes. Holiday photos, intimate pictures between "
            "partners and chats between teenagers can be flagged and reported to the police. "
            "Every error means that strangers look into someone's private life, and that "
            "innocent people fall under suspicion.",
        ),
        "nl": (
            "Iedereen die online communiceert",
            "De voorgestelde verordening ter voorkoming en bestrijding van seksueel misbruik van "
            "kinderen (CSA-verordening), die de Europese Commissie in mei 2022 presenteerde, "
            "zou autoriteiten in staat stellen chatapps, e-maildiensten en andere onlinediensten "
            "te bevelen de privécommunicatie van hun gebruikers te doorzoeken op materiaal van "
            "seksueel kindermisbruik en op “grooming”. Niet alleen de berichten van mensen die "
            "van een misdrijf worden verdacht, maar de berichten, foto's en video's van "
            "iedereen die de dienst gebruikt.\n\n"
            "Bij end-to-end versleutelde diensten zoals Signal of WhatsApp kan dat alleen door "
            "wat je schrijft op je eigen toestel te controleren voordat het wordt versleuteld "
            "(“client-side scanning”). Dat breekt de belofte van versleuteling: dat niemand "
            "behalve jij en degene met wie je praat je gesprek kan lezen. Als zo'n scansysteem "
            "eenmaal bestaat, kan het voor andere doelen worden ingezet en kunnen criminelen "
            "en vijandige regeringen het misbruiken.\n\n"
            "Scantechnologie maakt fouten. Vakantiefoto's, intieme foto's tussen partners en "
            "chats tussen tieners kunnen worden gemarkeerd en aan de politie gemeld. Elke fout "
            "betekent dat vreemden meekijken in iemands privéleven en dat onschuldige mensen "
            "onder verdenking komen te staan.",
        ),
    },
    {
        "slug": "young-people",
        "order": 2,
        "en": (
            "Young people",
            "Young people use chat apps to make friends, to find out who they are, to talk "
            "about sexuality, health and relationships, and to ask for help. Much of that is "
            "private, and some of it is intimate. Under the proposal, those conversations could "
            "be scanned, flagged by an algorithm and read by strangers.\n\n"
            "Consensual messages between teenagers are among the content that scanning systems "
            "flag most often. Instead of protecting young people, the law would expose their "
            "most private moments and teach them that nothing they say online is truly "
            "private. Children and young people need safe, confidential channels, not least to "
            "report abuse and to reach the people who can help them.",
        ),
        "nl": (
            "Jongeren",
            "Jongeren gebruiken chatapps om vrienden te maken, om te ontdekken wie ze zijn, om "
            "te praten over seksualiteit, gezondheid en relaties, en om hulp te vragen. Veel "
            "daarvan is privé, en een deel ervan is intiem. Met het voorstel zouden die "
            "gesprekken kunnen worden gescand, door een algoritme gemarkeerd en door vreemden "
            "gelezen.\n\n"
            "Berichten die tieners met wederzijdse instemming uitwisselen, horen bij de inhoud "
            "die scansystemen het vaakst markeren. In plaats van jongeren te beschermen, zou de "
            "wet hun meest persoonlijke momenten blootleggen en hun leren dat niets wat ze "
            "online zeggen echt privé is. Kinderen en jongeren hebben veilige, vertrouwelijke "
            "kanalen nodig, juist ook om misbruik te melden en om de mensen te bereiken die hen "
            "kunnen helpen.",
        ),
    },
    {
        "slug": "professional-secrecy",
        "order": 3,
        "en": (
            "People bound by professional secrecy",
            "Doctors, lawyers, psychologists, journalists and other professionals must keep "
            "what people confide in them secret. Today much of that trust travels through chat "
            "apps and email: a patient sends a photo to their doctor, a client talks to their "
            "lawyer, a source contacts a journalist.\n\n"
            "If every message can be scanned, professional secrecy can no longer be "
            "guaranteed. Sources fall silent, patients hold back information, and clients "
            "cannot speak freely. That harms everyone who relies on these professions, "
            "including victims of abuse who are looking for help.",
        ),
        "nl": (
            "Mensen met een beroepsgeheim",
            "Artsen, advocaten, psychologen, journalisten en andere professionals moeten geheim "
            "houden wat mensen hun toevertrouwen. Veel van dat vertrouwen loopt tegenwoordig "
            "via chatapps en e-mail: een patiënt stuurt een foto naar de huisarts, een cliënt "
            "overlegt met een advocaat, een bron neemt contact op met een journalist.\n\n"
            "Als elk bericht kan worden gescand, is het beroepsgeheim niet meer te garanderen. "
            "Bronnen zwijgen, patiënten houden informatie achter en cliënten kunnen niet vrijuit "
            "spreken. Dat schaadt iedereen die op deze beroepen vertrouwt, ook slachtoffers "
            "van misbruik die hulp zoeken.",
        ),
    },
    {
        "slug": "human-rights-defenders",
        "order": 4,
        "en": (
            "Human rights defenders",
            "Activists, NGOs and human rights defenders depend on secure, encrypted "
            "communication to document abuses, to protect victims and witnesses, and to "
            "organise, often against powerful opponents. In many countries, inside and outside "
            "the EU, they are already being watched.\n\n"
            "A scanning system built into our phones and apps is a tool that can be turned "
            "against them: by governments that want to know who talks to whom, and by anyone "
            "who breaks into the system. Weakening encryption for everyone puts the people who "
            "defend our rights in danger first.",
        ),
        "nl": (
            "Mensenrechtenverdedigers",
            "Activisten, ngo's en mensenrechtenverdedigers zijn afhankelijk van veilige, "
            "versleutelde communicatie om misstanden vast te leggen, slachtoffers en getuigen "
            "te beschermen en zich te organiseren, vaak tegen machtige tegenstanders. In veel "
            "landen, binnen en buiten de EU, worden ze nu al in de gaten gehouden.\n\n"
            "Een scansysteem dat in onze telefoons en apps is ingebouwd, is een instrument dat "
            "tegen hen kan worden gekeerd: door regeringen die willen weten wie met wie praat, "
            "en door iedereen die het systeem binnendringt. Versleuteling verzwakken voor "
            "iedereen brengt als eerste de mensen in gevaar die onze rechten verdedigen.",
        ),
    },
]

# The seed's five testimonials; no photos (the site shows a placeholder), alt texts ready
# for when a campaigner uploads one. "group" places them on the how-CSAR page.
TESTIMONIALS: list[dict[str, Any]] = [
    {
        "slug": "emma-prest",
        "name": "Emma Prest",
        "country": "",
        "link": "",
        "group": "professional-secrecy",
        "order": 1,
        "nl": {
            "photo_alt": "Foto van Emma Prest",
            "quote": (
                "We doen onderzoek naar de regeringen die toegang hebben tot deze "
                "scantechnologie. Journalisten worden nu al aangevallen en vormen nu al een "
                "doelwit. Deze wetgeving geeft alleen maar meer macht aan machthebbers om hun "
                "positie te misbruiken."
            ),
            "role": "",
        },
        "en": {
            "photo_alt": "Photo of Emma Prest",
            "quote": (
                "We investigate the governments that have access to this scanning technology. "
                "Journalists are already being attacked and are already a target. This "
                "legislation only gives those in power more power to abuse their position."
            ),
            "role": "",
        },
    },
    {
        "slug": "charalampos-kyritsis",
        "name": "Charalampos Kyritsis",
        "country": "GR",
        "link": "",
        "group": "young-people",
        "order": 2,
        "nl": {
            "photo_alt": "Foto van Charalampos Kyritsis",
            "quote": (
                "Het monitoren van onze telefoons en laptops is een makkelijke manier voor "
                "machtige mensen om toegang te krijgen tot onze privégesprekken. Vandaag is het "
                "voor het vinden van kindermisbruik, morgen zal er een ander excuus zijn. Wie zal "
                "nee zeggen tegen ander gebruik als de technologie er eenmaal is? Het leidt tot "
                "het inperken van de vrije uitwisseling van informatie en een chilling effect "
                "voor de vrijheid van meningsuiting."
            ),
            "role": "Jonge activist",
        },
        "en": {
            "photo_alt": "Photo of Charalampos Kyritsis",
            "quote": (
                "Monitoring our phones and laptops is an easy way for powerful people to get "
                "access to our private conversations. Today it is for finding child abuse, "
                "tomorrow there will be another excuse. Who will say no to other uses once the "
                "technology is there? It leads to restrictions on the free exchange of "
                "information and a chilling effect on freedom of expression."
            ),
            "role": "Young activist",
        },
    },
    {
        "slug": "ligue-des-droits-humains",
        "name": "Ligue des Droits Humains",
        "country": "BE",
        "link": "https://www.liguedh.be/",
        "group": "human-rights-defenders",
        "order": 3,
        "nl": {
            "photo_alt": "Een foto van een activist",
            "quote": (
                "Hierdoor zouden autoriteiten de facto toegang krijgen tot de inhoud van "
                "versleutelde berichten. Dit verzwakt de online veiligheid van mensen die met "
                "gevoelige informatie werken (journalisten, advocaten, mensenrechtenactivisten, "
                "enz.). Hoe zit het met apps en software zoals Signal en Tor die geen metadata "
                "over hun gebruikers verzamelen?"
            ),
            "role": "NGO",
        },
        "en": {
            "photo_alt": "A photo of an activist",
            "quote": (
                "This would de facto give authorities access to the content of encrypted "
                "messages. It weakens the online security of people who work with sensitive "
                "information (journalists, lawyers, human rights activists, etc.). What about "
                "apps and software such as Signal and Tor that collect no metadata about their "
                "users?"
            ),
            "role": "NGO",
        },
    },
    {
        "slug": "aura",
        "name": "Aura",
        "country": "DE",
        "link": "",
        "group": "young-people",
        "order": 4,
        "nl": {
            "photo_alt": "Pixel art avatar van Aura",
            "quote": (
                "Met dit voorstel wordt jongeren en activisten de mogelijkheid ontnomen via een "
                "veilig kanaal ervaringen uit te wisselen en persoonlijke en politieke zaken te "
                "bespreken. We willen niet bang zijn dat onze gesprekken die privé zouden moeten "
                "zijn, tegen ons kunnen worden gebruikt."
            ),
            "role": "Jonge activist",
        },
        "en": {
            "photo_alt": "Pixel art avatar of Aura",
            "quote": (
                "This proposal takes away the possibility for young people and activists to "
                "share experiences and discuss personal and political matters through a safe "
                "channel. We do not want to be afraid that our conversations, which should be "
                "private, can be used against us."
            ),
            "role": "Young activist",
        },
    },
    {
        "slug": "geoff-hunter",
        "name": "Geoff Hunter",
        "country": "",
        "link": "",
        "group": "professional-secrecy",
        "order": 5,
        "nl": {
            "photo_alt": "Foto van Geoff Hunter",
            "quote": (
                "Als onze communicatie wordt onderschept, zou dat onze verhalen en de veiligheid "
                "van onze bronnen schaden. […] Het leven van mensen staat op het spel."
            ),
            "role": "",
        },
        "en": {
            "photo_alt": "Photo of Geoff Hunter",
            "quote": (
                "If our communications are intercepted, that would harm our stories and the "
                "safety of our sources. […] People's lives are at stake."
            ),
            "role": "",
        },
    },
]

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
