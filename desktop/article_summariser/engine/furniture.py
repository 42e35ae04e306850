"""Recognise the furniture of an article copied from a web page.

A page pasted from a browser carries more than the story: a headline and a second headline,
bylines and datelines, image captions and credits ("Source: Video Screenshot"), section breaks
("– Steadfast allies –"), share and newsletter prompts, "Read more" links, adverts, an author
blurb and the site's footer. None of it may end up in a summary, yet it must stay in the text so
the window can show it, marked as skipped, at its exact place. So this module never edits text:
it only says what a line *is* (``classify_line``) and, looking at neighbouring blocks, what the
paragraphs after an "About the author" or "Related" heading are (``refine``).

The rules are phrase lists and small patterns for English, French and German pages, applied
together (a French page quoting an English share bar is still a share bar). They only fire on
short lines that consist of the furniture and nothing else, so that real prose is never taken for
clutter; the tests run them over hundreds of real articles to keep it that way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from article_summariser.engine.model import Block, Role


@dataclass(frozen=True)
class Mark:
    """What a furniture line is: the role it gets and the reason shown to people."""

    role: Role
    reason: str
    #: ``"author"`` or ``"related"`` when the line announces the blocks that follow it.
    opens: str = ""


IMAGE_CREDIT = "image credit"
IMAGE_CAPTION = "image caption"
BYLINE = "byline"
DATELINE = "dateline"
READING_TIME = "reading time"
SECTION_BREAK = "section break"
SHARE = "share prompt"
NEWSLETTER = "newsletter prompt"
RELATED = "related links"
ADVERT = "advert"
AUTHOR_BLURB = "author blurb"
FOOTER = "footer"
NAVIGATION = "page navigation"
COMMENTS = "comments prompt"
MEDIA = "media player"
CREDITS = "reporting credits"

#: Longest line (in words) that a phrase-list rule may match.
SHORT = 8


def _phrases(*groups: Iterable[str]) -> frozenset[str]:
    return frozenset(p.casefold() for group in groups for p in group)


# Each phrase list is split by language so that a reader can see, and extend, what each covers.
_SHARE = _phrases(
    (
        "share",
        "share this",
        "share this article",
        "share this story",
        "share this page",
        "share article",
        "share story",
        "share page",
        "share on facebook",
        "share on twitter",
        "share on x",
        "share on linkedin",
        "share on whatsapp",
        "share via email",
        "share by email",
        "share on bluesky",
        "share on reddit",
        "share on pinterest",
        "share on threads",
        "email this article",
        "email this story",
        "email this page",
        "email article",
        "send this article",
        "tweet this",
        "copy link",
        "copy the link",
        "link copied",
        "email",
        "e-mail",
        "print",
        "print this article",
        "save",
        "save article",
        "save for later",
        "gift this article",
        "tweet",
        "pin it",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "flipboard",
        "messenger",
        "telegram",
        "follow us",
    ),
    (  # French
        "partager",
        "partager cet article",
        "partager sur facebook",
        "partager sur twitter",
        "partager sur x",
        "partager par e-mail",
        "partager par email",
        "partager sur linkedin",
        "partager sur whatsapp",
        "envoyer cet article",
        "envoyer par email",
        "copier le lien",
        "lien copié",
        "imprimer",
        "imprimer l'article",
        "envoyer",
        "envoyer par e-mail",
        "sauvegarder",
        "enregistrer",
        "suivez-nous",
    ),
    (  # German
        "teilen",
        "artikel teilen",
        "seite teilen",
        "auf facebook teilen",
        "auf x teilen",
        "per e-mail teilen",
        "per mail teilen",
        "auf linkedin teilen",
        "auf whatsapp teilen",
        "per whatsapp teilen",
        "artikel versenden",
        "artikel per e-mail versenden",
        "link kopieren",
        "link kopiert",
        "drucken",
        "artikel drucken",
        "merken",
        "artikel merken",
        "folgen sie uns",
    ),
)
_SHARE_WORDS = _phrases(
    ("share", "on", "via", "by", "email", "e-mail", "mail", "print", "copy", "link", "save"),
    ("facebook", "twitter", "x", "linkedin", "whatsapp", "pinterest", "reddit", "flipboard"),
    ("messenger", "telegram", "bluesky", "threads", "mastodon", "tumblr", "xing"),
    ("partager", "sur", "par", "imprimer", "copier", "le", "lien", "teilen", "auf", "per"),
    ("drucken", "kopieren"),
)
_SHARE_NETWORKS = _phrases(
    ("facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "flipboard"),
    ("messenger", "telegram", "bluesky", "mastodon", "xing"),
)

_NEWSLETTER = _phrases(
    (
        "newsletter",
        "newsletters",
        "daily newsletter",
        "weekly newsletter",
        "free newsletter",
        "our newsletter",
        "sign up",
        "sign up now",
        "sign up here",
        "subscribe",
        "subscribe now",
        "subscribe here",
        "subscribe today",
        "get the newsletter",
        "get our newsletter",
        "register",
        "register now",
        "create a free account",
    ),
    (
        "abonnez-vous",
        "s'abonner",
        "s’abonner",
        "je m'abonne",
        "je m’abonne",
        "inscrivez-vous",
        "s'inscrire",
        "s’inscrire",
        "newsletter gratuite",
        "lettre d'information",
        "la newsletter",
    ),
    (
        "newsletter abonnieren",
        "jetzt abonnieren",
        "abonnieren",
        "jetzt anmelden",
        "zum newsletter",
        "newsletter-anmeldung",
        "gratis-newsletter",
        "abo abschließen",
        "jetzt abo abschließen",
    ),
)
_NEWSLETTER_PROMPT = re.compile(
    r"^(sign up|subscribe|register|get|receive|join)\b.{0,120}\b("
    r"newsletters?|inbox|e-?mail alerts?|briefing|daily digest)\b"
    r"|^(inscrivez-vous|abonnez-vous|recevez|recevoir|inscription)\b.{0,120}\b("
    r"newsletters?|lettres? d['’]information|alertes?|boîte mail|boîte de réception)\b"
    r"|^(melden sie sich|abonnieren sie|bestellen sie|jetzt|hier)\b.{0,120}\b("
    r"newsletter\w*|postfach)\b"
    r"|\bnewsletter\w*\b.{0,40}\b(abonnieren|anmelden|bestellen|sign up|subscribe|s['’]inscrire)\b",
    re.IGNORECASE,
)

_ADVERT = _phrases(
    (
        "advertisement",
        "advertisements",
        "advert",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "sponsored links",
        "paid content",
        "paid post",
        "partner content",
        "promoted",
        "promoted content",
        "skip advertisement",
        "continue reading the main story",
        "story continues below",
        "article continues below",
        "continue reading below",
    ),
    (
        "publicité",
        "pub",
        "contenu sponsorisé",
        "contenu partenaire",
        "contenus sponsorisés",
        "annonce",
        "la suite après la publicité",
        "la suite après cette publicité",
        "article réservé aux abonnés",
    ),
    (
        "anzeige",
        "werbung",
        "gesponsert",
        "sponsored post",
        "weiter nach der anzeige",
        "artikel wird nach der anzeige fortgesetzt",
        "mehr nach der anzeige",
    ),
)
_ADVERT_PROMPT = re.compile(
    r"\b(continues?|continuing) (below|after) (this |the )?(advertisement|advert|ad)\b"
    r"|^(advertisement|publicité|anzeige|werbung)\s*[-–—:|]"
    r"|^sponsored by\b|^(contenu )?sponsorisé par\b|^gesponsert von\b"
    r"|\b(suite|lire la suite) (après|sous) (cette |la )?publicité\b"
    r"|\bnach der (anzeige|werbung)\b",
    re.IGNORECASE,
)

_RELATED_HEADINGS = _phrases(
    (
        "read more",
        "read also",
        "also read",
        "read next",
        "what to read next",
        "related",
        "related articles",
        "related stories",
        "related content",
        "related coverage",
        "related topics",
        "related links",
        "related reading",
        "related internet links",
        "more on this story",
        "more on this topic",
        "more stories",
        "more like this",
        "more from this section",
        "more news",
        "more to explore",
        "you may also like",
        "you might also like",
        "you may be interested in",
        "you might be interested in",
        "recommended",
        "recommended for you",
        "recommended stories",
        "recommended reading",
        "most read",
        "most popular",
        "most viewed",
        "most shared",
        "top stories",
        "trending",
        "trending now",
        "further reading",
        "see also",
        "in other news",
        "latest news",
        "latest stories",
        "editor's picks",
        "editor’s picks",
        "don't miss",
        "don’t miss",
    ),
    (
        "lire aussi",
        "lire également",
        "à lire aussi",
        "a lire aussi",
        "à lire également",
        "à lire",
        "voir aussi",
        "à voir aussi",
        "lire la suite",
        "sur le même sujet",
        "sur le même thème",
        "sur le même thème",
        "les plus lus",
        "les plus partagés",
        "les plus commentés",
        "dans la même rubrique",
        "nos articles",
        "nos derniers articles",
        "articles liés",
        "articles similaires",
        "à découvrir",
        "à découvrir aussi",
        "vous aimerez aussi",
        "vous aimerez aussi :",
        "à la une",
        "dernières actualités",
    ),
    (
        "mehr zum thema",
        "mehr zum thema:",
        "lesen sie auch",
        "lesen sie mehr",
        "das könnte sie auch interessieren",
        "das könnte sie interessieren",
        "auch interessant",
        "meistgelesen",
        "meistgelesene artikel",
        "meistgelesene",
        "weitere artikel",
        "passend zum thema",
        "weiterlesen",
        "zum thema",
        "siehe auch",
        "top-themen",
        "empfehlungen",
        "unsere empfehlungen",
        "neueste artikel",
        "mehr aus dem ressort",
    ),
)
#: "Read more: Another story", "Lire aussi : ...", "Mehr zum Thema: ..." as one line.
_RELATED_LINK = re.compile(
    r"^(read more|read also|also read|read next|related|see also|more on this|watch|listen|"
    r"lire aussi|à lire aussi|a lire aussi|à lire également|lire également|voir aussi|"
    r"à voir aussi|lire la suite|écouter|regarder|"
    r"lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|weiterlesen|zum thema|"
    r"siehe auch)\s*(:|：|»|>|›|→|\||-|–|—)",
    re.IGNORECASE,
)

#: Headings that announce an author blurb: the short paragraphs under them are the blurb.
_AUTHOR_HEADINGS = _phrases(
    (
        "about the author",
        "about the authors",
        "about the writer",
        "about the reporter",
        "about the journalist",
        "about this author",
        "author bio",
        "author information",
    ),
    (
        "à propos de l'auteur",
        "à propos de l’auteur",
        "a propos de l'auteur",
        "a propos de l’auteur",
        "à propos de l'autrice",
        "à propos de l’autrice",
        "à propos des auteurs",
    ),
    (
        "über den autor",
        "über die autorin",
        "über die autoren",
        "über die autorinnen",
        "zum autor",
        "zur autorin",
        "zur person",
    ),
)
#: Author labels that stand alone (no blurb is assumed to follow).
_AUTHOR_LABELS = _phrases(
    ("the author", "author", "authors", "written by"),
    ("l'auteur", "l’auteur", "l'autrice", "l’autrice", "auteur", "auteurs", "autrice"),
    ("der autor", "die autorin", "autor", "autorin", "autoren"),
)

_FOOTER = _phrases(
    (
        "terms of use",
        "terms of service",
        "terms and conditions",
        "terms & conditions",
        "privacy policy",
        "privacy notice",
        "privacy",
        "cookie policy",
        "cookie settings",
        "cookies settings",
        "manage cookies",
        "cookies",
        "do not sell my personal information",
        "contact us",
        "contact",
        "accessibility",
        "accessibility help",
        "sitemap",
        "site map",
        "help",
        "faq",
        "about us",
        "advertise with us",
        "advertise",
        "careers",
        "corrections",
    ),
    (
        "mentions légales",
        "politique de confidentialité",
        "gestion des cookies",
        "paramètres des cookies",
        "conditions générales",
        "conditions générales d'utilisation",
        "conditions générales d’utilisation",
        "cgu",
        "cgv",
        "nous contacter",
        "contactez-nous",
        "qui sommes-nous",
        "qui sommes-nous ?",
        "plan du site",
        "données personnelles",
    ),
    (
        "impressum",
        "datenschutz",
        "datenschutzerklärung",
        "datenschutzhinweise",
        "nutzungsbedingungen",
        "kontakt",
        "agb",
        "cookie-einstellungen",
        "cookies verwalten",
        "barrierefreiheit",
        "mediadaten",
        "über uns",
        "hilfe",
    ),
)
_FOOTER_LINE = re.compile(
    r"^(©|\(c\)\s|copyright\b)|\ball rights reserved\b|\btous droits réservés\b|"
    r"\btous droits de reproduction\b|\balle rechte vorbehalten\b",
    re.IGNORECASE,
)

_NAVIGATION = _phrases(
    (
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "jump to content",
        "menu",
        "main menu",
        "open menu",
        "close menu",
        "close",
        "search",
        "home",
        "homepage",
        "log in",
        "login",
        "sign in",
        "sign out",
        "my account",
        "account",
        "back to top",
        "top",
        "next",
        "previous",
        "next article",
        "previous article",
        "more",
        "show more",
        "load more",
        "expand",
        "collapse",
    ),
    (
        "aller au contenu",
        "aller au contenu principal",
        "rechercher",
        "recherche",
        "accueil",
        "se connecter",
        "connexion",
        "mon compte",
        "fermer",
        "retour en haut",
        "article suivant",
        "article précédent",
        "voir plus",
        "afficher plus",
    ),
    (
        "zum inhalt springen",
        "zum inhalt",
        "zur navigation",
        "menü",
        "suche",
        "suchen",
        "startseite",
        "anmelden",
        "abmelden",
        "mein konto",
        "schließen",
        "nach oben",
        "zurück",
        "weiter",
        "mehr anzeigen",
        "nächster artikel",
        "vorheriger artikel",
    ),
)

_COMMENTS = _phrases(
    (
        "comments",
        "comment",
        "show comments",
        "view comments",
        "hide comments",
        "leave a comment",
        "post a comment",
        "add a comment",
        "join the conversation",
        "join the discussion",
        "discussion",
    ),
    ("commentaires", "commentaire", "réagir", "voir les commentaires", "laisser un commentaire"),
    ("kommentare", "kommentar", "kommentieren", "kommentare anzeigen", "diskutieren sie mit"),
)
_COMMENT_COUNT = re.compile(
    r"^\(?\d[\d,. ]*\)?\s*(comments?|replies|réactions?|commentaires?|kommentare?)\s*$|"
    r"^(comments?|commentaires?|kommentare?)\s*\(?\d[\d,. ]*\)?$",
    re.IGNORECASE,
)

_MEDIA = _phrases(
    (
        "listen to this article",
        "listen to article",
        "listen",
        "play",
        "play video",
        "watch",
        "watch video",
        "watch now",
        "video",
        "audio",
        "gallery",
        "photo gallery",
        "view gallery",
        "enlarge this image",
        "enlarge image",
        "toggle caption",
        "hide caption",
        "image",
        "media caption",
        "image caption",
        "full screen",
        "fullscreen",
    ),
    ("écouter cet article", "écouter l'article", "écouter", "regarder", "vidéo", "diaporama"),
    ("artikel anhören", "anhören", "video abspielen", "bildergalerie", "galerie", "vergrößern"),
)

_READING_TIME = re.compile(
    r"^\d{1,3}\s*(-\s*)?(min|mins|minute|minutes|min\.)\s*(read|reading|de lecture|lecture|"
    r"lesezeit|lesedauer)\.?$"
    r"|^(reading time|read time|temps de lecture|lecture|lesezeit|lesedauer)\s*:?\s*(ca\.\s*)?"
    r"\d{1,3}\s*(min|mins|minute|minutes|minuten|min\.)\.?$",
    re.IGNORECASE,
)
#: Where a byline bar is cut into its parts: "Published 14 March 2026 · 6 min read",
#: "Share on Facebook | Share on X | Email this article".
_BAR_SPLIT = re.compile(r"\s*[|·•]\s*|\s+[–—-]\s+")

#: "Source: Video Screenshot", "Photo : AFP", "Foto: dpa", "Image source, Getty Images".
_CREDIT = re.compile(
    r"^(source|sources|photo|photos|photograph|photography|picture|pictures|image|images|"
    r"image source|image credit|images credit|photo credit|photo credits|picture credit|"
    r"credit|credits|illustration|illustrations|video|graphic|graphics|infographic|map|"
    r"crédit|crédits|crédit photo|crédits photo|photo d'illustration|photo d’illustration|"
    r"foto|fotos|bild|bilder|quelle|quellen|bildquelle|fotoquelle|grafik|karte|bildnachweis|"
    r"fotografie|titelbild|symbolbild|aufmacherbild)\s*[:：,]\s*\S",
    re.IGNORECASE,
)
_AGENCY = (
    r"(afp|reuters|ap|ap photo|associated press|getty|getty images|epa|epa-efe|efe|dpa|"
    r"picture alliance|picture-alliance|imago|imago images|keystone|shutterstock|alamy|istock|"
    r"pa|pa media|pa wire|anadolu|ansa|belga|sipa|abaca|maxppp|hans lucas|bloomberg|"
    r"xinhua|kcna|yonhap|tass|ria novosti|sputnik|nurphoto|sopa images|zuma|zuma press|"
    r"afp via getty images|ullstein bild|stock\.adobe\.com|adobe stock|unsplash|pexels|"
    r"wikimedia commons|youtube|screenshot|video screenshot)"
)
#: A line that is nothing but a photo agency credit: "AFP/Getty Images", "© dpa", "Reuters".
_AGENCY_LINE = re.compile(rf"^(©\s*)?{_AGENCY}(\s*[/|,;]\s*[\w .'’-]{{1,40}})*$", re.IGNORECASE)
#: A caption that ends with its credit: "... (Photo by Jane Doe/AFP via Getty Images)".
_CREDIT_TAIL = re.compile(
    r"(\((photo|photos|image|picture|credit|foto|bild|crédit|crédits|photo credit)\b[^()]*\)"
    rf"|\(\s*[^()]*(/|via\s+){_AGENCY}\s*\)|(photo|foto|bild|crédit|credit)\s*:\s*[^.]*"
    rf"{_AGENCY}\s*)\s*\.?$",
    re.IGNORECASE,
)
_CAPTION_PREFIX = re.compile(
    r"^(image caption|media caption|caption|légende|bildunterschrift)\s*[,:]\s*\S", re.IGNORECASE
)
#: A labelled caption that ends with its credit: "Photo: A train at dawn. Credit: Archive image",
#: "Image: Rescuers in the rubble (Getty)", "Foto: Ein Zug im Bahnhof. Bild: dpa".
_LABELLED_CAPTION = re.compile(
    r"^(photo|photos|photograph|picture|image|illustration|foto|bild|légende|caption)\s*[:：]\s*"
    r"\S.*?(\b(credits?|crédits?|photo credit|image credit|photograph|photo|foto|bild|source|"
    r"quelle|bildquelle|copyright)\s*[:：]\s*[^.:;!?]{1,60}|©\s*[^.:;!?]{1,60}"
    rf"|\(\s*(©\s*)?{_AGENCY}(\s*[/|,]\s*[^()]{{1,40}})?\s*\))\s*\.?$",
    re.IGNORECASE,
)
#: A one-sentence caption with its credit after it and no label before it: "A train waits at
#: dawn. Photograph: Jane Doe/AFP", "Un train à l'aube. Crédit : archives". One sentence only:
#: a paragraph of prose with a stray credit pasted onto its end stays prose.
_CAPTION_CREDIT_END = re.compile(
    r"^[^.!?]+[.!?]\s+(credits?|crédits?|photo credit|image credit|photograph|photo|foto|bild)"
    r"\s*[:：]\s*[^.:;!?]{1,60}$",
    re.IGNORECASE,
)

_NAME = r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w'’.-]*"
_CONNECTOR = r"(and|&|et|und|with|avec|mit|de|du|des|da|di|van|von|der|den|le|la|al|el|bin|ibn)"
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|story by|text by|par|texte|text|von|auteur|autor|autorin)"
    rf"\s*:?\s+{_NAME}(\s*,?\s+({_NAME}|{_CONNECTOR}))*"
    r"(\s*[,|·•–—-]\s*[\w'’ .&-]{1,60})?$",
)
_CREDITS_LINE = re.compile(
    r"^(additional )?(reporting|writing|editing|research|additional reporting|compiled|"
    r"translated|graphics|photos|video|production|edited)\s+by\b"
    r"|^(with|avec|mit)\s+(afp|reuters|ap|dpa|agencies|agences|agenturen|ats|belga|efe|ansa|"
    r"kna|epd|apa|sda)\b"
    r"|^\(?(avec|with|mit)\s+(afp|reuters|ap|dpa|agences?|agencies|agenturen)\)?\.?$"
    r"|^(this (article|story) (was|has been) (originally )?(published|updated|produced|amended))"
    r"|^(cet article a été|dieser artikel wurde|der artikel wurde)\b",
    re.IGNORECASE,
)

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre "
    "décembre decembre janv févr avr juil déc "
    "januar jänner februar märz april mai juni juli august september oktober november dezember "
    "märz okt dez"
).split()
_DATE_WORDS = frozenset(
    _MONTHS
    + (
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
        "fri sat sun lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch "
        "donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so "
        "updated published posted last modified first on at am pm a.m p.m gmt utc "
        "mis à a jour le publié publiée modifié modifiée mise actualisé actualisée "
        "aktualisiert veröffentlicht erstellt zuletzt geändert am um uhr stand "
        "ago hours hour minutes minute mins min days day weeks week il y heures heure jours "
        "jour vor stunden stunde minuten tagen tag h hrs hr yesterday today hier aujourd'hui "
        "aujourd’hui gestern heute de d' the of et and und"
    ).split()
)
_DATE_NUMBER = re.compile(
    r"^(\d{1,4}(st|nd|rd|th|er|e|\.)?|\d{1,2}[:.h]\d{2}|\d{1,2}h|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})$"
)
_DATE_STRONG = re.compile(
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[:h]\d{2}|\b(ago|il y a|vor \d)", re.IGNORECASE
)
_DATE_SPLIT = re.compile(r"[\s,;|•·/()\[\]–—]+|(?<=\D)-(?=\D)")

#: "– Steadfast allies –", "— Un pays divisé —": AFP's section titles between dashes.
_DASHED = re.compile(r"^[-–—―]\s*\S.{0,100}?\S?\s*[-–—―]$")
#: "* * *", "***", "◆", "—": decorative breaks without words.
_ORNAMENT = re.compile(r"^[\s*•·◆◇■□●○~#=_+–—―-]+$")

_AGENCY_BLURB = re.compile(
    r"\b(is|est|ist)\s+(a|an|the|une?|la|le|l['’]|eine?|die|der|das)\b.{0,100}?\b("
    r"news agency|press agency|wire service|news service|agence de presse|agence d['’]information|"
    r"nachrichtenagentur|presseagentur)\b",
    re.IGNORECASE,
)
_AUTHOR_BLURB = re.compile(
    r"^[A-ZÀ-Þ][\w'’.-]+(\s+[A-ZÀ-Þ][\w'’.-]+){0,3}\s+(is|was|est|ist)\s+(a|an|the|un|une|"
    r"eine?|der|die)?\s*(senior |chief |staff |freelance |contributing |deputy |political |"
    r"foreign |economics |business |science |technology |health |sports |"
    r"grand |ancien |ancienne |freie |freier |leitende |leitender )?("
    r"reporter|correspondent|journalist|editor|writer|columnist|contributor|producer|"
    r"journaliste|correspondant|correspondante|rédacteur|rédactrice|reporter|chroniqueur|"
    r"chroniqueuse|éditorialiste|redakteur|redakteurin|korrespondent|korrespondentin|"
    r"journalistin|reporterin|autor|autorin|kolumnist|kolumnistin)\b",
)
_CONTACT = re.compile(
    r"^(follow|contact|email|e-mail|write to|suivez|contactez|folgen sie|kontakt)\b.{0,80}"
    r"(@|\bon (twitter|x|instagram|bluesky|linkedin|facebook)\b|\bsur (twitter|x)\b|"
    r"\bauf (twitter|x)\b)",
    re.IGNORECASE,
)

_STRIP = " \t\u00a0.:!|•·»«›‹>→*#"


def _core(line: str) -> str:
    return " ".join(line.casefold().split()).strip(_STRIP)


def _is_dateline(line: str, words: int) -> bool:
    if words > 16 or not any(ch.isdigit() for ch in line):
        return False
    tokens = [t for t in _DATE_SPLIT.split(line.strip()) if t and t not in ":.-"]
    if not tokens:
        return False
    month_or_strong = bool(_DATE_STRONG.search(line))
    for token in tokens:
        folded = token.casefold().strip(".:'’")
        if not folded:
            continue
        if folded in _DATE_WORDS:
            month_or_strong |= folded in _MONTHS
            continue
        if _DATE_NUMBER.match(folded):
            continue
        # A time zone or agency tag: "BST", "HKT", "EDT".
        if token.isupper() and token.isalpha() and len(token) <= 4:
            continue
        return False
    return month_or_strong


def _is_dated_bar(line: str) -> bool:
    """A dateline with a reading time beside it: "Published 14 March 2026 · 6 min read"."""
    parts = [p for p in _BAR_SPLIT.split(line) if p]
    if not 2 <= len(parts) <= 4:
        return False
    times = [bool(_READING_TIME.match(_core(p))) for p in parts]
    dates = [not t and _is_dateline(p, len(p.split())) for p, t in zip(parts, times, strict=True)]
    return any(times) and any(dates) and all(t or d for t, d in zip(times, dates, strict=True))


def _is_share_bar(core: str) -> bool:
    """Share buttons in a row: "Facebook Twitter Email", or phrases between separators
    ("Share on Facebook | Share on X | Email this article")."""
    parts = [p for p in _BAR_SPLIT.split(core) if p]
    if len(parts) > 1 and all(p in _SHARE or _is_share_bar(p) for p in parts):
        return True
    words = core.replace(",", " ").split()
    return (
        2 <= len(words) <= 14
        and all(w in _SHARE_WORDS for w in words)
        and any(w in _SHARE_NETWORKS or w in ("share", "partager", "teilen") for w in words)
    )


def classify_line(line: str) -> Mark | None:
    """What furniture ``line`` is, or ``None`` for ordinary text (including every heading)."""
    stripped = " ".join(line.split())
    if not stripped:
        return None
    words = len(stripped.split())
    core = _core(stripped)
    if words <= SHORT:
        if core in _SHARE or _is_share_bar(core):
            return Mark(Role.BOILERPLATE, SHARE)
        if core in _NEWSLETTER:
            return Mark(Role.BOILERPLATE, NEWSLETTER)
        if core in _ADVERT:
            return Mark(Role.BOILERPLATE, ADVERT)
        if core in _RELATED_HEADINGS:
            return Mark(Role.BOILERPLATE, RELATED, opens="related")
        if core in _AUTHOR_HEADINGS:
            return Mark(Role.BOILERPLATE, AUTHOR_BLURB, opens="author")
        if core in _AUTHOR_LABELS:
            return Mark(Role.BYLINE, BYLINE)
        if core in _FOOTER:
            return Mark(Role.BOILERPLATE, FOOTER)
        if core in _NAVIGATION:
            return Mark(Role.BOILERPLATE, NAVIGATION)
        if core in _COMMENTS or _COMMENT_COUNT.match(core):
            return Mark(Role.BOILERPLATE, COMMENTS)
        if core in _MEDIA:
            return Mark(Role.BOILERPLATE, MEDIA)
        if _READING_TIME.match(core):
            return Mark(Role.BYLINE, READING_TIME)
        if _AGENCY_LINE.match(core):
            return Mark(Role.CAPTION, IMAGE_CREDIT)
        if _ORNAMENT.match(stripped):
            return Mark(Role.HEADING, SECTION_BREAK)
    if words <= 14 and _DASHED.match(stripped) and any(ch.isalpha() for ch in stripped):
        return Mark(Role.HEADING, SECTION_BREAK)
    if SHORT < words <= 24 and _is_share_bar(core):
        return Mark(Role.BOILERPLATE, SHARE)
    # Before the bare credit: "Image: Rescuers in the rubble (Getty)" is a caption with its credit.
    if words <= 60 and _LABELLED_CAPTION.match(stripped):
        return Mark(Role.CAPTION, IMAGE_CAPTION)
    if words <= 12 and _CREDIT.match(stripped) and not stripped.endswith(("?", "!")):
        return Mark(Role.CAPTION, IMAGE_CREDIT)
    if words <= 60 and _CAPTION_PREFIX.match(stripped):
        return Mark(Role.CAPTION, IMAGE_CAPTION)
    if words <= 60 and _CREDIT_TAIL.search(stripped):
        return Mark(Role.CAPTION, IMAGE_CAPTION)
    if words <= 40 and _CAPTION_CREDIT_END.match(stripped):
        return Mark(Role.CAPTION, IMAGE_CAPTION)
    if words <= 14 and _BYLINE.match(stripped):
        return Mark(Role.BYLINE, BYLINE)
    if _is_dateline(stripped, words) or (words <= 24 and _is_dated_bar(stripped)):
        return Mark(Role.BYLINE, DATELINE)
    if words <= 40 and _CREDITS_LINE.match(stripped):
        return Mark(Role.BYLINE, CREDITS)
    if words <= 30 and _RELATED_LINK.match(stripped):
        return Mark(Role.BOILERPLATE, "related link")
    if words <= 25 and (_NEWSLETTER_PROMPT.search(stripped)):
        return Mark(Role.BOILERPLATE, NEWSLETTER)
    if words <= 25 and _ADVERT_PROMPT.search(stripped):
        return Mark(Role.BOILERPLATE, ADVERT)
    if words <= 25 and _FOOTER_LINE.search(stripped):
        return Mark(Role.BOILERPLATE, FOOTER)
    if words <= 30 and _CONTACT.match(stripped):
        return Mark(Role.BOILERPLATE, AUTHOR_BLURB)
    return None


def _words(text: str, block: Block) -> int:
    return len(text[block.start : block.end].split())


#: Longest paragraph (in words) still taken for an author blurb.
BLURB_MAX_WORDS = 90
#: How many paragraphs under an "About the author" heading belong to the blurb, at most.
BLURB_MAX_BLOCKS = 3
#: How many link titles under a "Related" heading are taken, at most.
RELATED_MAX_BLOCKS = 15
#: How many blocks at the end of a text are searched for a news agency's blurb.
TAIL_BLOCKS = 4


def _announces(text: str, block: Block) -> str:
    mark = classify_line(text[block.start : block.end])
    return mark.opens if mark else ""


def refine(text: str, blocks: Sequence[Block]) -> list[Block]:
    """Apply the rules that need neighbours: what follows "About the author" or "Related".

    Under an author heading, the next few short paragraphs are the blurb. Under a "Related" or
    "Read more" heading, the following link titles (short lines without closing punctuation,
    which the splitter already made headings) are related links; the first real paragraph ends
    the list, so an article that goes on after a "Read more" box keeps every sentence. A news
    agency's self-description and a closing "Jane Doe is a reporter for ..." are blurbs too.
    """
    out = list(blocks)
    opens = [_announces(text, b) if b.role is not Role.BODY else "" for b in out]
    i = 0
    while i < len(out):
        kind = opens[i]
        i += 1
        if not kind:
            continue
        taken = 0
        while i < len(out) and not opens[i]:
            block = out[i]
            plain_heading = block.role is Role.HEADING and block.reason in ("", "heading")
            if kind == "author":
                fits = (
                    (block.role is Role.BODY or plain_heading)
                    and _words(text, block) <= BLURB_MAX_WORDS
                    and taken < BLURB_MAX_BLOCKS
                )
                reason = AUTHOR_BLURB
            else:
                fits = plain_heading and taken < RELATED_MAX_BLOCKS
                reason = RELATED
            if not fits:
                break
            out[i] = replace(block, role=Role.BOILERPLATE, reason=reason)
            taken += 1
            i += 1
    # Blurbs without a heading at the very end: a news agency describing itself anywhere in the
    # last few blocks, an author's one-line biography only as the last paragraph.
    body = [k for k, b in enumerate(out) if b.role is Role.BODY]
    for k in body:
        if k < len(out) - TAIL_BLOCKS or _words(text, out[k]) > BLURB_MAX_WORDS:
            continue
        piece = " ".join(text[out[k].start : out[k].end].split())
        last = k == body[-1]
        if _AGENCY_BLURB.search(piece) or (last and _AUTHOR_BLURB.match(piece)):
            out[k] = replace(out[k], role=Role.BOILERPLATE, reason=AUTHOR_BLURB)
    return out


__all__ = ["Mark", "classify_line", "refine"]
