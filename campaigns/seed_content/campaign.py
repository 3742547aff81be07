"""The campaign's own texts and the "Why should I care?" reasons."""

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
