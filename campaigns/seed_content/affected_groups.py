"""The sections of the "How CSAR affects us" page (written for this site, nl and en)."""

from typing import Any

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
