"""The seed's testimonials, Dutch as on the campaign's page, English translated."""

from typing import Any

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
