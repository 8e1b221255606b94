"""Demo listings written in the partner countries' own languages: frames, and each topic's product name.

The frames put the product name after a colon or in apposition, so that one nominative noun
phrase per language reads correctly everywhere without declension. Placeholders: {product},
{Product} (capitalised), {markets} (country names in the language), {company}, {city}, {region},
{year}, {employees}, {a}.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalFrames:
    offer_titles: tuple[str, ...]
    request_titles: tuple[str, ...]
    offer_summaries: tuple[str, ...]
    request_summaries: tuple[str, ...]
    about: tuple[str, ...]
    offer_bodies: tuple[str, ...]
    request_bodies: tuple[str, ...]
    facts: tuple[str, ...]
    needs: tuple[str, ...]
    advantages: tuple[str, ...]
    headings: tuple[str, str]  # our offer, what we seek
    partner: dict[tuple[str, str], str]  # (kind, group of the first cooperation type) -> sentence
    any_market: str


def _partner(*sentences: str) -> dict[tuple[str, str], str]:
    keys = [(kind, group) for kind in ("offer", "request") for group in ("trade", "production", "tech", "other")]
    return dict(zip(keys, sentences))


# The group of a cooperation type decides which partner sentence fits.
TYPE_GROUPS = {"commercial-agency": "trade", "supplier": "trade", "subcontracting": "production",
               "technical": "tech", "research": "tech", "joint-venture": "other", "investment": "other",
               "services": "other"}

FRAMES: dict[str, LocalFrames] = {
    "de": LocalFrames(
        ("{Product}: Vertriebspartner in {markets} gesucht", "Unser Angebot: {product} – Kooperationspartner gesucht",
         "Angebot für Kunden in {markets}: {product}"),
        ("Gesucht: {product}", "Partner gesucht – {product}", "Kooperationspartner in {markets} gesucht: {product}"),
        ("Unser Unternehmen aus {city} bietet Partnern im Ausland folgende Leistung an: {product}. Wir suchen "
         "Vertriebs- und Kooperationspartner in folgenden Ländern: {markets}.",
         "Seit {year} steht {company} für Qualität aus {city}. Unser Angebot: {product}. Gesucht werden Partner "
         "in folgenden Ländern: {markets}."),
        ("Wir, ein Unternehmen aus {city}, suchen einen zuverlässigen Partner im Bereich {product}. Bevorzugt "
         "werden Partner aus folgenden Ländern: {markets}.",
         "{company} ({city}) sucht Kooperationspartner für folgenden Bedarf: {product}. Bevorzugte Länder: "
         "{markets}."),
        ("{company} wurde {year} in {city} gegründet und beschäftigt {employees} Mitarbeiterinnen und Mitarbeiter.",
         "Wir sind ein Unternehmen aus {city} ({region}), gegründet {year}. Zahl der Beschäftigten: {employees}."),
        ("Unser Angebot umfasst: **{product}**. Wir beliefern Kunden in ganz Europa und setzen auf langfristige "
         "Partnerschaften.",
         "Im Mittelpunkt unseres Angebots steht: **{product}**. Kleine und große Aufträge behandeln wir mit "
         "derselben Sorgfalt."),
        ("Wir suchen einen Partner für folgenden Bedarf: **{product}**. Unsere Anforderungen:",
         "Für unser Wachstum brauchen wir einen verlässlichen Partner im Bereich **{product}**. Wichtig sind uns:"),
        ("Zertifiziertes Qualitätsmanagement nach ISO 9001", "Kurze Lieferzeiten von zwei bis vier Wochen",
         "Erfahrung mit Kunden in {a} Ländern", "Eigene Entwicklung und Konstruktion", "Flexible Losgrößen",
         "Persönliche Betreuung auf Deutsch und Englisch"),
        ("Regelmäßige Lieferungen über das ganze Jahr", "Referenzen und Zertifikate",
         "Kommunikation auf Deutsch oder Englisch", "Angebot innerhalb von vier Wochen",
         "Besuch vor Ort vor Vertragsabschluss"),
        ("Hohe Qualität zu fairen Preisen und kurze Wege in Mitteleuropa.",
         "Flexible Fertigung und ein persönlicher Ansprechpartner.",
         "Jahrzehntelange Erfahrung und zertifizierte Prozesse."),
        ("Unser Angebot", "Was wir suchen"),
        _partner(
            "Wir suchen Handelsvertreter, Händler oder Importeure mit guten Kontakten zu Kunden der Branche.",
            "Wir suchen Kunden, die Fertigungsaufträge langfristig an einen verlässlichen Lohnfertiger vergeben.",
            "Wir suchen Unternehmen und Forschungseinrichtungen für gemeinsame Entwicklungs- und Pilotprojekte.",
            "Wir suchen Partner, die mit uns neue Märkte erschließen: als Kunde, Investor oder im Joint Venture.",
            "Gesucht wird ein Hersteller oder Lieferant, der regelmäßige Mengen in gleichbleibender Qualität liefert.",
            "Gesucht wird ein Zulieferer mit freien Kapazitäten für die Fertigung nach unseren Zeichnungen.",
            "Gesucht wird ein Technologie- oder Forschungspartner für ein gemeinsames Projekt.",
            "Gesucht wird ein Dienstleister oder Partner mit Erfahrung auf dem jeweiligen Markt."),
        "ganz Europa"),
    "pl": LocalFrames(
        ("{Product} – szukamy partnerów handlowych ({markets})", "Oferta współpracy: {product}",
         "Oferujemy: {product}"),
        ("Poszukujemy partnera: {product}", "Zapytanie ofertowe: {product}",
         "Szukamy dostawcy – {product} ({markets})"),
        ("Firma {company} z regionu {region} oferuje partnerom zagranicznym: {product}. Szukamy partnerów w "
         "krajach: {markets}.",
         "Od {year} roku rozwijamy naszą ofertę. Oferujemy: {product}. Poszukujemy dystrybutorów i partnerów; "
         "rynki docelowe: {markets}."),
        ("Firma {company} ({city}) poszukuje wiarygodnego partnera w zakresie: {product}. Preferowane kraje: "
         "{markets}.",
         "Poszukujemy partnera zagranicznego w obszarze: {product}. Preferowane kraje: {markets}."),
        ("Firma {company} działa od {year} roku w miejscowości {city}. Liczba pracowników: {employees}.",
         "Jesteśmy firmą z regionu {region}, na rynku od {year} roku. Liczba pracowników: {employees}."),
        ("Nasza oferta obejmuje: **{product}**. Obsługujemy klientów w całej Europie i stawiamy na długoterminową "
         "współpracę.",
         "W centrum naszej działalności jest: **{product}**. Realizujemy zarówno małe, jak i duże zamówienia."),
        ("Poszukujemy partnera w zakresie: **{product}**. Nasze wymagania:",
         "W związku z rozwojem firmy szukamy sprawdzonego partnera w obszarze: **{product}**. Ważne są dla nas:"),
        ("Certyfikowany system zarządzania jakością ISO 9001", "Krótkie terminy dostaw (2–4 tygodnie)",
         "Doświadczenie eksportowe w {a} krajach", "Własny dział konstrukcyjny", "Elastyczna wielkość zamówień",
         "Obsługa w języku angielskim i niemieckim"),
        ("Regularne dostawy przez cały rok", "Referencje i certyfikaty", "Komunikacja po angielsku lub niemiecku",
         "Oferta w ciągu czterech tygodni", "Możliwość wizyty i audytu u partnera"),
        ("Wysoka jakość w konkurencyjnej cenie i bliskość rynków Europy Środkowej.",
         "Elastyczna produkcja i bezpośredni kontakt z właścicielem firmy.",
         "Wieloletnie doświadczenie i certyfikowane procesy."),
        ("Nasza oferta", "Czego szukamy"),
        _partner(
            "Szukamy przedstawicieli handlowych, dystrybutorów lub importerów z kontaktami w branży.",
            "Szukamy klientów, którzy chcą zlecać produkcję sprawdzonemu podwykonawcy.",
            "Szukamy firm i instytutów badawczych do wspólnych projektów rozwojowych i pilotażowych.",
            "Szukamy partnerów do wspólnego wejścia na nowe rynki: klientów, inwestorów lub partnerów joint venture.",
            "Poszukujemy producenta lub dostawcy zdolnego do regularnych dostaw o stałej jakości.",
            "Poszukujemy podwykonawcy z wolnymi mocami produkcyjnymi do produkcji według naszej dokumentacji.",
            "Poszukujemy partnera technologicznego lub badawczego do wspólnego projektu.",
            "Poszukujemy usługodawcy lub partnera z doświadczeniem na danym rynku."),
        "cała Europa"),
    "cs": LocalFrames(
        ("{Product} – hledáme obchodní partnery ({markets})", "Nabídka spolupráce: {product}", "Nabízíme: {product}"),
        ("Poptávka: {product}", "Hledáme partnera – {product}", "Hledáme dodavatele: {product} ({markets})"),
        ("Společnost {company} z regionu {region} nabízí zahraničním partnerům: {product}. Hledáme dlouhodobou "
         "spolupráci, cílové trhy: {markets}.",
         "Od roku {year} rozvíjíme naši nabídku. Nabízíme: {product}. Hledáme distributory a partnery, cílové "
         "trhy: {markets}."),
        ("Společnost {company} ({city}) hledá spolehlivého partnera v oblasti: {product}. Preferované země: "
         "{markets}.",
         "Hledáme zahraničního partnera pro oblast: {product}. Preferované země: {markets}."),
        ("Společnost {company} byla založena v roce {year} ve městě {city}. Počet zaměstnanců: {employees}.",
         "Jsme firma z regionu {region} a na trhu působíme od roku {year}. Počet zaměstnanců: {employees}."),
        ("Naše nabídka zahrnuje: **{product}**. Dodáváme zákazníkům v celé Evropě a zakládáme si na dlouhodobých "
         "vztazích.",
         "Hlavní oblast naší činnosti: **{product}**. Malé i velké zakázky vyřizujeme se stejnou péčí."),
        ("Hledáme partnera pro oblast: **{product}**. Naše požadavky:",
         "V souvislosti s růstem firmy hledáme spolehlivého partnera v oblasti: **{product}**. Důležité jsou pro nás:"),
        ("Certifikovaný systém řízení kvality ISO 9001", "Krátké dodací lhůty (2–4 týdny)",
         "Zkušenosti s exportem do {a} zemí", "Vlastní vývoj a konstrukce", "Flexibilní velikost zakázek",
         "Komunikace v angličtině a němčině"),
        ("Pravidelné dodávky po celý rok", "Reference a certifikáty", "Komunikace v angličtině nebo němčině",
         "Cenová nabídka do čtyř týdnů", "Možnost návštěvy a auditu u partnera"),
        ("Vysoká kvalita za konkurenceschopné ceny a blízkost trhů střední Evropy.",
         "Flexibilní výroba a přímý kontakt s majitelem firmy.", "Dlouholeté zkušenosti a certifikované procesy."),
        ("Naše nabídka", "Co hledáme"),
        _partner(
            "Hledáme obchodní zástupce, distributory nebo dovozce s kontakty v oboru.",
            "Hledáme zákazníky, kteří chtějí dlouhodobě zadávat výrobu spolehlivému subdodavateli.",
            "Hledáme firmy a výzkumné instituce pro společné vývojové a pilotní projekty.",
            "Hledáme partnery pro společný vstup na nové trhy: zákazníky, investory nebo partnery pro joint venture.",
            "Hledáme výrobce nebo dodavatele schopného pravidelných dodávek ve stálé kvalitě.",
            "Hledáme subdodavatele s volnou kapacitou pro výrobu podle naší dokumentace.",
            "Hledáme technologického nebo výzkumného partnera pro společný projekt.",
            "Hledáme poskytovatele služeb nebo partnera se zkušenostmi z daného trhu."),
        "celá Evropa"),
    "sk": LocalFrames(
        ("{Product} – hľadáme obchodných partnerov ({markets})", "Ponuka spolupráce: {product}",
         "Ponúkame: {product}"),
        ("Dopyt: {product}", "Hľadáme partnera – {product}", "Hľadáme dodávateľa: {product} ({markets})"),
        ("Spoločnosť {company} z regiónu {region} ponúka zahraničným partnerom: {product}. Hľadáme dlhodobú "
         "spoluprácu, cieľové trhy: {markets}.",
         "Od roku {year} rozvíjame našu ponuku. Ponúkame: {product}. Hľadáme distribútorov a partnerov, cieľové "
         "trhy: {markets}."),
        ("Spoločnosť {company} ({city}) hľadá spoľahlivého partnera v oblasti: {product}. Preferované krajiny: "
         "{markets}.",
         "Hľadáme zahraničného partnera pre oblasť: {product}. Preferované krajiny: {markets}."),
        ("Spoločnosť {company} bola založená v roku {year} v meste {city}. Počet zamestnancov: {employees}.",
         "Sme firma z regiónu {region} a na trhu pôsobíme od roku {year}. Počet zamestnancov: {employees}."),
        ("Naša ponuka zahŕňa: **{product}**. Dodávame zákazníkom v celej Európe a zakladáme si na dlhodobých "
         "vzťahoch.",
         "Hlavná oblasť našej činnosti: **{product}**. Malé aj veľké zákazky vybavujeme s rovnakou starostlivosťou."),
        ("Hľadáme partnera pre oblasť: **{product}**. Naše požiadavky:",
         "V súvislosti s rastom firmy hľadáme spoľahlivého partnera v oblasti: **{product}**. Dôležité sú pre nás:"),
        ("Certifikovaný systém riadenia kvality ISO 9001", "Krátke dodacie lehoty (2–4 týždne)",
         "Skúsenosti s exportom do {a} krajín", "Vlastný vývoj a konštrukcia", "Flexibilná veľkosť zákaziek",
         "Komunikácia v angličtine a nemčine"),
        ("Pravidelné dodávky počas celého roka", "Referencie a certifikáty", "Komunikácia v angličtine alebo nemčine",
         "Cenová ponuka do štyroch týždňov", "Možnosť návštevy a auditu u partnera"),
        ("Vysoká kvalita za konkurencieschopné ceny a blízkosť trhov strednej Európy.",
         "Flexibilná výroba a priamy kontakt s majiteľom firmy.", "Dlhoročné skúsenosti a certifikované procesy."),
        ("Naša ponuka", "Čo hľadáme"),
        _partner(
            "Hľadáme obchodných zástupcov, distribútorov alebo dovozcov s kontaktmi v odbore.",
            "Hľadáme zákazníkov, ktorí chcú dlhodobo zadávať výrobu spoľahlivému subdodávateľovi.",
            "Hľadáme firmy a výskumné inštitúcie pre spoločné vývojové a pilotné projekty.",
            "Hľadáme partnerov pre spoločný vstup na nové trhy: zákazníkov, investorov alebo partnerov pre joint "
            "venture.",
            "Hľadáme výrobcu alebo dodávateľa schopného pravidelných dodávok v stálej kvalite.",
            "Hľadáme subdodávateľa s voľnou kapacitou pre výrobu podľa našej dokumentácie.",
            "Hľadáme technologického alebo výskumného partnera pre spoločný projekt.",
            "Hľadáme poskytovateľa služieb alebo partnera so skúsenosťami z daného trhu."),
        "celá Európa"),
    "sl": LocalFrames(
        ("{Product} – iščemo poslovne partnerje ({markets})", "Ponudba sodelovanja: {product}", "Ponujamo: {product}"),
        ("Povpraševanje: {product}", "Iščemo partnerja – {product}", "Iščemo dobavitelja: {product} ({markets})"),
        ("Podjetje {company} iz regije {region} tujim partnerjem ponuja: {product}. Želimo si dolgoročnega "
         "sodelovanja, ciljni trgi: {markets}.",
         "Od leta {year} razvijamo svojo ponudbo. Ponujamo: {product}. Iščemo distributerje in partnerje, ciljni "
         "trgi: {markets}."),
        ("Podjetje {company} ({city}) išče zanesljivega partnerja na področju: {product}. Želene države: {markets}.",
         "Iščemo tujega partnerja za področje: {product}. Želene države: {markets}."),
        ("Podjetje {company} je bilo ustanovljeno leta {year} v kraju {city}. Število zaposlenih: {employees}.",
         "Smo podjetje iz regije {region}, na trgu smo od leta {year}. Število zaposlenih: {employees}."),
        ("Naša ponudba obsega: **{product}**. Stranke oskrbujemo po vsej Evropi in gradimo dolgoročne odnose.",
         "Osrednje področje našega dela: **{product}**. Majhna in velika naročila izvedemo z enako skrbnostjo."),
        ("Iščemo partnerja za področje: **{product}**. Naše zahteve:",
         "Zaradi rasti podjetja iščemo zanesljivega partnerja na področju: **{product}**. Pomembno nam je:"),
        ("Certificiran sistem vodenja kakovosti ISO 9001", "Kratki dobavni roki (2–4 tedne)",
         "Izkušnje z izvozom na tuje trge", "Lastni razvoj in konstrukcija", "Prilagodljive količine naročil",
         "Komunikacija v angleščini in nemščini"),
        ("Redne dobave skozi vse leto", "Reference in certifikati", "Komunikacija v angleščini ali nemščini",
         "Ponudba v štirih tednih", "Možnost obiska in presoje pri partnerju"),
        ("Visoka kakovost po konkurenčnih cenah in bližina trgov srednje Evrope.",
         "Prilagodljiva proizvodnja in neposreden stik z lastnikom podjetja.",
         "Dolgoletne izkušnje in certificirani procesi."),
        ("Naša ponudba", "Kaj iščemo"),
        _partner(
            "Iščemo trgovske zastopnike, distributerje ali uvoznike s stiki v panogi.",
            "Iščemo stranke, ki želijo proizvodnjo dolgoročno zaupati zanesljivemu podizvajalcu.",
            "Iščemo podjetja in raziskovalne ustanove za skupne razvojne in pilotne projekte.",
            "Iščemo partnerje za skupen vstop na nove trge: stranke, vlagatelje ali partnerje za skupno podjetje.",
            "Iščemo proizvajalca ali dobavitelja, ki zmore redne dobave v stalni kakovosti.",
            "Iščemo podizvajalca s prostimi zmogljivostmi za proizvodnjo po naši dokumentaciji.",
            "Iščemo tehnološkega ali raziskovalnega partnerja za skupni projekt.",
            "Iščemo ponudnika storitev ali partnerja z izkušnjami na tem trgu."),
        "vsa Evropa"),
    "hu": LocalFrames(
        ("{Product} – kereskedelmi partnereket keresünk ({markets})", "Együttműködési ajánlat: {product}",
         "Kínálatunk: {product}"),
        ("Ajánlatkérés: {product}", "Partnert keresünk – {product}", "Beszállítót keresünk: {product} ({markets})"),
        ("{city} székhelyű cégünk külföldi partnereknek kínálja: {product}. Hosszú távú együttműködést keresünk, "
         "célpiacok: {markets}.",
         "{year} óta fejlesztjük kínálatunkat. Fő tevékenységünk: {product}. Forgalmazókat és partnereket keresünk, "
         "célpiacok: {markets}."),
        ("{city} székhelyű cégünk megbízható partnert keres a következő területen: {product}. Előnyben részesített "
         "országok: {markets}.",
         "Külföldi partnert keresünk ezen a területen: {product}. Előnyben részesített országok: {markets}."),
        ("Cégünk {year} óta van jelen a piacon ({city}, {region}). Munkatársak száma: {employees}.",
         "A(z) {company} alapítási éve: {year}, székhelye: {city}. Munkatársak száma: {employees}."),
        ("Kínálatunk: **{product}**. Egész Európában szállítunk ügyfeleinknek, és a hosszú távú kapcsolatokra "
         "építünk.",
         "Tevékenységünk középpontjában ez áll: **{product}**. A kis és nagy megrendeléseket egyforma gondossággal "
         "teljesítjük."),
        ("Partnert keresünk ezen a területen: **{product}**. Elvárásaink:",
         "Cégünk növekedése miatt megbízható partnert keresünk ezen a területen: **{product}**. Fontos számunkra:"),
        ("ISO 9001 szerint tanúsított minőségirányítási rendszer", "Rövid, 2–4 hetes szállítási határidő",
         "Exporttapasztalat {a} országban", "Saját fejlesztés és tervezés", "Rugalmas rendelési mennyiségek",
         "Kapcsolattartás angolul és németül"),
        ("Rendszeres szállítások egész évben", "Referenciák és tanúsítványok", "Kommunikáció angolul vagy németül",
         "Árajánlat négy héten belül", "Lehetőség helyszíni látogatásra és auditra"),
        ("Magas minőség versenyképes áron, Közép-Európa piacainak közelében.",
         "Rugalmas gyártás és közvetlen kapcsolat a cégvezetéssel.", "Több évtizedes tapasztalat és tanúsított "
         "folyamatok."),
        ("Ajánlatunk", "Amit keresünk"),
        _partner(
            "Kereskedelmi képviselőket, forgalmazókat vagy importőröket keresünk, akik jól ismerik a szakmát.",
            "Olyan ügyfeleket keresünk, akik hosszú távon megbízható bérgyártóra bíznák a gyártást.",
            "Vállalatokat és kutatóintézeteket keresünk közös fejlesztési és kísérleti projektekhez.",
            "Partnereket keresünk új piacok közös meghódításához: ügyfeleket, befektetőket vagy vegyesvállalati "
            "partnereket.",
            "Olyan gyártót vagy beszállítót keresünk, amely rendszeresen, állandó minőségben tud szállítani.",
            "Szabad kapacitással rendelkező alvállalkozót keresünk a dokumentációnk szerinti gyártáshoz.",
            "Technológiai vagy kutatási partnert keresünk egy közös projekthez.",
            "Szolgáltatót vagy a helyi piacot jól ismerő partnert keresünk."),
        "egész Európa"),
    "it": LocalFrames(
        ("{Product}: cerchiamo partner commerciali ({markets})", "Proposta di collaborazione: {product}",
         "Offriamo: {product}"),
        ("Cerchiamo partner: {product}", "Richiesta di fornitura: {product}",
         "Cercasi fornitore – {product} ({markets})"),
        ("{company}, con sede a {city}, offre a partner esteri: {product}. Cerchiamo una collaborazione di lungo "
         "periodo; mercati di interesse: {markets}.",
         "Dal {year} sviluppiamo la nostra offerta. Proponiamo: {product}. Cerchiamo distributori e partner; "
         "mercati di interesse: {markets}."),
        ("{company}, con sede a {city}, cerca un partner affidabile per: {product}. Paesi preferiti: {markets}.",
         "Cerchiamo un partner estero per: {product}. Paesi preferiti: {markets}."),
        ("{company} è stata fondata nel {year} a {city}. Numero di dipendenti: {employees}.",
         "Siamo un'azienda di {city} ({region}), sul mercato dal {year}. Numero di dipendenti: {employees}."),
        ("La nostra offerta comprende: **{product}**. Serviamo clienti in tutta Europa e puntiamo su rapporti di "
         "lungo periodo.",
         "Al centro della nostra attività: **{product}**. Seguiamo ordini piccoli e grandi con la stessa cura."),
        ("Cerchiamo un partner per: **{product}**. I nostri requisiti:",
         "Per sostenere la nostra crescita cerchiamo un partner affidabile per: **{product}**. Per noi sono "
         "importanti:"),
        ("Sistema di gestione della qualità certificato ISO 9001", "Tempi di consegna brevi (2–4 settimane)",
         "Esperienza di esportazione in {a} paesi", "Progettazione e sviluppo interni", "Lotti flessibili",
         "Assistenza in inglese e tedesco"),
        ("Forniture regolari durante tutto l'anno", "Referenze e certificazioni", "Comunicazione in inglese o tedesco",
         "Offerta entro quattro settimane", "Possibilità di visita e audit presso il partner"),
        ("Alta qualità a prezzi competitivi, vicino ai mercati dell'Europa centrale.",
         "Produzione flessibile e contatto diretto con la proprietà.", "Esperienza pluridecennale e processi "
         "certificati."),
        ("La nostra offerta", "Che cosa cerchiamo"),
        _partner(
            "Cerchiamo agenti, distributori o importatori con contatti nel settore.",
            "Cerchiamo clienti che vogliano affidare la produzione a un terzista affidabile nel lungo periodo.",
            "Cerchiamo aziende e istituti di ricerca per progetti comuni di sviluppo e sperimentazione.",
            "Cerchiamo partner per entrare insieme in nuovi mercati: clienti, investitori o partner di joint venture.",
            "Cerchiamo un produttore o fornitore in grado di garantire forniture regolari di qualità costante.",
            "Cerchiamo un terzista con capacità libera per la produzione su nostro disegno.",
            "Cerchiamo un partner tecnologico o di ricerca per un progetto comune.",
            "Cerchiamo un fornitore di servizi o un partner con esperienza sul mercato locale."),
        "tutta Europa"),
}
