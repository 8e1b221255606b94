"""A labelled evaluation set for the matching: listings written for it and the matches an expert expects.

Sixty-six listings across all ten sectors, in eight languages, from the partner countries.
For each query listing, RELEVANT names the listings a cluster manager would put in front of
that company; everything else is either a plausible but lesser fit or a distractor on purpose:
same sector but the same kind (no counterpart), the same country (not cross-border), or an
unrelated sector sharing words ("CNC" in wood and in metal, "packaging" in food and logistics).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..factories import make_company, make_listing


@dataclass(frozen=True)
class Entry:
    key: str
    country: str
    kind: str
    sector: str
    types: tuple[str, ...]
    language: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    targets: tuple[str, ...] = ()  # empty: any country
    days_ago: int = 20


E = Entry
LISTINGS: tuple[Entry, ...] = (
    # Wood industry ------------------------------------------------------------------------------
    E("si-pellets", "SI", "offer", "wood", ("supplier", "commercial-agency"), "sl",
      "Proizvajalec lesnih pelet ENplus A1 išče distributerje v Avstriji in Italiji",
      "Letno proizvedemo 40.000 ton certificiranih lesnih pelet iz bukovine in iščemo distributerje "
      "ter trgovce z biomaso.", ("pelete", "pellets", "biomasa", "ENplus"), ("AT", "IT", "DE"), 5),
    E("at-pellet-distributor", "AT", "request", "wood", ("commercial-agency", "supplier"), "de",
      "Händler für Holzpellets sucht Lieferanten aus Slowenien und Tschechien",
      "Wir vertreiben Pellets und Hackschnitzel an Endkunden in Oberösterreich und suchen zuverlässige "
      "Hersteller mit ENplus-Zertifikat.", ("Pellets", "Holzpellets", "Biomasse", "ENplus"), ("SI", "CZ", "HR"), 12),
    E("pl-pellets", "PL", "offer", "wood", ("supplier",), "pl",
      "Producent pelletu drzewnego oferuje dostawy do Austrii i Niemiec",
      "Produkujemy pellet drzewny klasy A1 z trocin sosnowych, 25 tys. ton rocznie, z własnym transportem.",
      ("pellet", "biomasa", "pellets"), ("AT", "DE", "CZ", "IT"), 40),
    E("it-pellet-buyer", "IT", "request", "wood", ("commercial-agency",), "it",
      "Cerchiamo fornitori di pellet di legno certificato per la distribuzione in Lombardia",
      "Distributore di combustibili per riscaldamento cerca produttori esteri di pellet ENplus A1 in sacchi da 15 kg.",
      ("pellet", "biomassa", "riscaldamento"), (), 8),
    E("si-pellet-trader", "SI", "request", "wood", ("commercial-agency",), "sl",
      "Trgovec išče dobavitelja lesnih pelet za slovenski trg",
      "Prodajamo kurivo gospodinjstvom v Savinjski regiji in iščemo stalnega dobavitelja pelet.",
      ("pelete", "biomasa"), ("SI",), 3),
    E("cz-furniture-sub", "CZ", "request", "wood", ("subcontracting",), "cs",
      "Hledáme subdodavatele dubových nábytkových dílců",
      "Výrobce masivního nábytku hledá subdodavatele pro výrobu dubových dílců a polotovarů podle výkresů.",
      ("nábytek", "dub", "dílce", "furniture"), ("PL", "SK", "SI"), 15),
    E("pl-furniture-components", "PL", "offer", "wood", ("subcontracting",), "pl",
      "Produkcja elementów meblowych z drewna litego na zlecenie",
      "Stolarnia z Bielska-Białej wykonuje elementy meblowe z dębu i buku według dokumentacji klienta.",
      ("meble", "drewno lite", "furniture", "dąb"), ("CZ", "DE", "AT"), 30),
    E("sk-cnc-wood", "SK", "offer", "wood", ("subcontracting", "technical"), "sk",
      "Ponúkame CNC obrábanie dreva a výrobu nábytkových dielcov",
      "Drevárska firma z Trnavského kraja ponúka voľné kapacity na CNC obrábanie masívu a výrobu dielcov nábytku.",
      ("CNC", "nábytok", "furniture", "drevo"), ("CZ", "AT", "DE"), 25),
    E("pl-briquettes", "PL", "offer", "wood", ("supplier",), "pl",
      "Brykiet drzewny z trocin dębowych – dostawy paletowe",
      "Zakład pod Legnicą produkuje brykiet opałowy z suchych trocin dębowych i bukowych, pakowany na paletach.",
      ("brykiet", "opał", "trociny"), ("DE", "CZ"), 35),
    E("de-firewood-request", "DE", "request", "wood", ("commercial-agency", "supplier"), "de",
      "Brennholzhandel sucht Lieferanten für Holzbriketts",
      "Wir beliefern Baumärkte in Sachsen mit Kaminholz und suchen Hersteller von Holzbriketts aus Nachbarländern.",
      ("Holzbriketts", "Brennholz", "Kaminholz"), ("PL", "CZ", "SK"), 9),
    E("it-furniture-agent", "IT", "request", "wood", ("commercial-agency",), "it",
      "Agente di commercio cerca produttori di mobili in legno massello",
      "Agenzia di rappresentanza per negozi di arredamento in Veneto cerca fabbriche estere di mobili in massello.",
      ("mobili", "arredamento", "legno massello"), ("PL", "SK", "CZ", "SI"), 11),
    E("sk-furniture-maker", "SK", "offer", "wood", ("commercial-agency",), "sk",
      "Výrobca masívneho nábytku hľadá obchodných zástupcov v Taliansku a Rakúsku",
      "Vyrábame jedálenské stoly, stoličky a postele z masívneho buku a hľadáme obchodných zástupcov.",
      ("nábytok", "masív", "buk"), ("IT", "AT"), 24),
    # Energy & environment ----------------------------------------------------------------------
    E("de-biomass-heating", "DE", "request", "energy-environment", ("supplier",), "de",
      "Stadtwerk sucht Lieferanten von Holzhackschnitzeln und Pellets für Biomasse-Heizwerk",
      "Für unser Heizwerk mit Fernwärmenetz suchen wir langfristige Lieferverträge für Pellets und Hackschnitzel.",
      ("Biomasse", "Hackschnitzel", "Pellets", "Fernwärme"), ("AT", "CZ", "PL", "SI"), 18),
    E("at-solar-jv", "AT", "request", "energy-environment", ("joint-venture", "investment"), "en",
      "Joint venture sought to develop solar parks in Central Europe",
      "An Upper Austrian developer of photovoltaic parks seeks a joint venture partner with land and grid "
      "access in the Czech Republic or Hungary.", ("solar", "photovoltaics", "joint venture"), ("CZ", "HU", "SK"), 10),
    E("cz-solar-jv", "CZ", "request", "energy-environment", ("joint-venture",), "cs",
      "Hledáme partnera pro společný podnik ve fotovoltaice",
      "Máme pozemky s povoleným připojením k síti pro solární parky a hledáme zahraničního partnera do "
      "společného podniku.", ("fotovoltaika", "solar", "společný podnik"), ("AT", "DE"), 14),
    E("hu-solar-investor", "HU", "offer", "energy-environment", ("investment",), "hu",
      "Befektető napelemparkok finanszírozására",
      "Magyar befektetési alap tőkét kínál napelemparkok építéséhez Közép-Európában.",
      ("napelem", "solar", "befektetés"), ("AT", "CZ", "SK"), 35),
    E("sk-recycling", "SK", "offer", "energy-environment", ("technical",), "sk",
      "Technológia recyklácie plastov – hľadáme licenčného partnera",
      "Vyvinuli sme technológiu chemickej recyklácie zmesových plastov a ponúkame licenciu a technickú spoluprácu.",
      ("recyklácia", "plasty", "recycling"), (), 45),
    E("it-recycling-request", "IT", "request", "energy-environment", ("technical", "joint-venture"), "it",
      "Cerchiamo tecnologia per il riciclo della plastica mista",
      "Consorzio di gestione rifiuti cerca tecnologie di riciclo chimico della plastica mista per un nuovo impianto.",
      ("riciclo", "plastica", "recycling"), ("SK", "CZ", "PL", "AT"), 9),
    E("de-research-hydrogen", "DE", "offer", "energy-environment", ("research",), "de",
      "Forschungsinstitut sucht Partner für ein Horizon-Europe-Projekt zur Wasserstoffspeicherung",
      "Wir koordinieren einen Antrag zur Speicherung von grünem Wasserstoff und suchen Forschungspartner und KMU.",
      ("Wasserstoff", "hydrogen", "Horizon Europe", "Speicherung"), (), 6),
    E("pl-research-hydrogen", "PL", "offer", "energy-environment", ("research",), "pl",
      "Uczelnia techniczna oferuje współpracę badawczą w zakresie magazynowania wodoru",
      "Laboratorium magazynowania energii szuka partnerów do projektów Horizon Europe dotyczących wodoru.",
      ("wodór", "hydrogen", "Horizon Europe"), (), 28),
    E("cz-hydrogen-request", "CZ", "request", "energy-environment", ("research", "technical"), "cs",
      "Hledáme výzkumného partnera pro vodíkové technologie",
      "Strojírenská firma z Ústeckého kraje hledá výzkumnou instituci pro vývoj zásobníků vodíku.",
      ("vodík", "hydrogen", "výzkum"), ("DE", "AT", "PL"), 11),
    E("sk-food-research", "SK", "offer", "food", ("research",), "sk",
      "Výskum funkčných potravín – hľadáme partnerov do projektu Horizont Európa",
      "Výskumný ústav potravinársky skúma funkčné potraviny s probiotikami a hľadá partnerov pre konzorcium.",
      ("funkčné potraviny", "probiotiká", "Horizon Europe"), (), 15),
    E("sl-food-research", "SI", "offer", "food", ("research", "technical"), "sl",
      "Raziskave funkcionalne hrane – iščemo partnerje za skupni projekt",
      "Inštitut za prehrano razvija funkcionalna živila s probiotiki in išče raziskovalne partnerje.",
      ("funkcionalna hrana", "probiotiki", "Horizon Europe"), ("SK", "AT", "HU", "IT"), 22),
    # Production technologies -------------------------------------------------------------------
    E("de-woodworking-machines", "DE", "offer", "production", ("supplier", "technical"), "de",
      "Holzbearbeitungsmaschinen: CNC-Bearbeitungszentren für Möbelhersteller",
      "Wir liefern CNC-Bearbeitungszentren und Kantenanleimmaschinen an Möbelhersteller und bieten Service vor Ort.",
      ("CNC", "Holzbearbeitung", "Möbel", "furniture"), ("PL", "CZ", "SK", "SI"), 50),
    E("cz-machining", "CZ", "offer", "production", ("subcontracting", "technical"), "cs",
      "Nabízíme CNC obrábění kovových dílů v malých a středních sériích",
      "Strojírenská firma s 5osými centry nabízí obrábění hliníku a oceli pro automobilový průmysl.",
      ("CNC", "obrábění", "hliník", "automotive"), ("DE", "AT"), 22),
    E("it-packaging-machines", "IT", "offer", "production", ("supplier", "technical"), "it",
      "Macchine per il confezionamento alimentare: riempitrici e termoformatrici",
      "Costruiamo riempitrici e confezionatrici per l'industria alimentare e cerchiamo clienti nell'Europa centrale.",
      ("confezionamento", "packaging", "macchine", "alimentare"), ("HU", "PL", "CZ", "SK"), 16),
    E("de-packaging-film", "DE", "offer", "production", ("supplier",), "de",
      "Lebensmittelverpackungen: Folien und Schalen für die Lebensmittelindustrie",
      "Wir produzieren Verpackungsfolien und Schalen für Lebensmittel und suchen Abnehmer in Mitteleuropa.",
      ("Verpackung", "packaging", "Folien", "Lebensmittel"), (), 60),
    # Automotive & aerospace --------------------------------------------------------------------
    E("de-auto-request", "DE", "request", "automotive-aerospace", ("subcontracting", "supplier"), "de",
      "Automobilzulieferer sucht Lohnfertiger für Aluminium-Druckguss und CNC-Bearbeitung",
      "Tier-1-Zulieferer aus der Region Stuttgart sucht Partner in der Slowakei und Tschechien für die "
      "Serienfertigung von Aluminium-Druckgussteilen nach IATF 16949.",
      ("Druckguss", "Aluminium", "CNC", "IATF 16949"), ("SK", "CZ", "PL", "HU"), 7),
    E("sk-die-casting", "SK", "offer", "automotive-aerospace", ("subcontracting",), "sk",
      "Tlakové liatie hliníka a CNC obrábanie pre automobilový priemysel",
      "Zlievareň z Trnavy ponúka voľné kapacity tlakového liatia hliníka a obrábania, certifikát IATF 16949.",
      ("tlakové liatie", "hliník", "CNC", "IATF 16949"), ("DE", "AT"), 20),
    E("hu-aluminium", "HU", "offer", "automotive-aerospace", ("subcontracting",), "hu",
      "Alumínium nyomásos öntés és megmunkálás autóipari beszállítóknak",
      "Veszprémi öntöde nyomásos alumíniumöntést és CNC megmunkálást kínál autóipari ügyfeleknek.",
      ("alumínium", "öntés", "CNC", "IATF 16949"), ("DE", "AT"), 33),
    E("pl-auto-plastics", "PL", "offer", "automotive-aerospace", ("subcontracting", "supplier"), "pl",
      "Wtrysk tworzyw sztucznych dla branży motoryzacyjnej – wolne moce produkcyjne",
      "Zakład w Legnicy oferuje wtrysk detali z tworzyw sztucznych dla dostawców motoryzacyjnych.",
      ("wtrysk", "tworzywa", "motoryzacja", "IATF 16949"), ("DE", "CZ"), 19),
    E("de-auto-offer", "DE", "offer", "automotive-aerospace", ("subcontracting",), "de",
      "CNC-Bearbeitung von Aluminiumteilen für die Automobilindustrie",
      "Lohnfertiger aus Baden-Württemberg bietet CNC-Bearbeitung von Aluminium-Druckgussteilen.",
      ("CNC", "Aluminium", "Druckguss"), (), 4),
    E("at-aero-request", "AT", "request", "automotive-aerospace", ("technical", "research"), "en",
      "Aerospace composites: partner sought for testing carbon fibre parts",
      "A supplier of cabin components seeks a laboratory for mechanical testing and certification of "
      "carbon fibre composite parts.", ("composites", "carbon fibre", "aerospace", "testing"), (), 13),
    E("it-composites-lab", "IT", "offer", "automotive-aerospace", ("technical", "research"), "it",
      "Laboratorio prove su materiali compositi in fibra di carbonio per l'aerospazio",
      "Laboratorio accreditato offre prove meccaniche e certificazione di componenti in compositi per aerospazio.",
      ("compositi", "fibra di carbonio", "aerospazio", "composites"), ("AT", "DE"), 27),
    # Food technology ---------------------------------------------------------------------------
    E("hu-food-packaging-request", "HU", "request", "food", ("supplier", "technical"), "hu",
      "Élelmiszer-feldolgozó üzem csomagológép-szállítót keres",
      "Paprika- és savanyúság-feldolgozó üzemünk automata töltő- és csomagológépeket keres élelmiszeripari "
      "csomagoláshoz.", ("csomagolás", "packaging", "élelmiszer", "töltőgép"), ("IT", "DE", "AT"), 6),
    E("pl-dairy-packaging", "PL", "request", "food", ("supplier",), "pl",
      "Mleczarnia poszukuje dostawcy maszyn do pakowania jogurtów",
      "Spółdzielnia mleczarska szuka dostawcy linii do napełniania i pakowania kubków z jogurtem.",
      ("pakowanie", "packaging", "mleczarstwo"), ("IT", "DE"), 21),
    E("cz-brewery-export", "CZ", "offer", "food", ("commercial-agency",), "cs",
      "Minipivovar hledá distributora piva v Německu a Rakousku",
      "Rodinný pivovar z Ústeckého kraje vaří ležáky a svrchně kvašená piva a hledá distributora pro export.",
      ("pivo", "beer", "řemeslné pivo", "export"), ("DE", "AT"), 9),
    E("at-beverage-distributor", "AT", "request", "food", ("commercial-agency",), "de",
      "Getränkegroßhändler sucht Craft-Beer-Brauereien aus Tschechien",
      "Wir beliefern Gastronomie in Oberösterreich und suchen Brauereien für Craft Beer und Spezialbiere.",
      ("Bier", "Craft Beer", "beer", "Getränke"), ("CZ", "SK", "PL"), 17),
    E("de-delicatessen-importer", "DE", "request", "food", ("commercial-agency",), "de",
      "Feinkostimporteur sucht Spezialitäten aus Mitteleuropa: Bier, Honig, Paprika",
      "Wir importieren regionale Spezialitäten für Feinkostläden in Süddeutschland.",
      ("Feinkost", "Import", "beer", "honey"), ("CZ", "PL", "HU", "SI", "SK"), 24),
    E("cz-beer-wholesale", "CZ", "request", "food", ("commercial-agency",), "cs",
      "Velkoobchod hledá dodavatele řemeslného piva",
      "Velkoobchod s nápoji v Praze hledá menší pivovary pro rozšíření nabídky řemeslného piva.",
      ("pivo", "řemeslné pivo", "velkoobchod"), ("CZ",), 2),
    E("sl-honey", "SI", "offer", "food", ("commercial-agency", "supplier"), "sl",
      "Slovenski med in čebelji izdelki za izvoz",
      "Čebelarska zadruga ponuja akacijev, cvetlični in gozdni med ter iščemo uvoznike in hotelske verige.",
      ("med", "honey", "čebelarstvo"), ("DE", "AT", "IT"), 31),
    E("hu-paprika", "HU", "offer", "food", ("supplier", "commercial-agency"), "hu",
      "Szegedi fűszerpaprika és kolbász exportra",
      "Családi manufaktúra szegedi fűszerpaprikát és kolbászt kínál importőröknek és szállodáknak.",
      ("paprika", "kolbász", "export", "food"), ("AT", "IT", "DE"), 26),
    # Tourism -----------------------------------------------------------------------------------
    E("sk-spa-offer", "SK", "offer", "tourism", ("services", "commercial-agency"), "sk",
      "Kúpeľný hotel v Piešťanoch hľadá touroperátorov z Nemecka a Rakúska",
      "Ponúkame liečebné a wellness pobyty s rehabilitáciou a hľadáme cestovné kancelárie na predaj pobytov.",
      ("kúpele", "spa", "wellness", "rehabilitácia"), ("DE", "AT", "CZ"), 10),
    E("de-tour-operator", "DE", "request", "tourism", ("commercial-agency", "services"), "de",
      "Reiseveranstalter sucht Kurhotels und Wellness-Angebote in Mitteleuropa",
      "Wir erweitern unser Programm um Kur- und Wellnessreisen in die Slowakei, nach Tschechien und Ungarn.",
      ("Kur", "Wellness", "spa", "Reisen"), ("SK", "CZ", "HU", "SI"), 14),
    E("hu-wine-tourism", "HU", "offer", "tourism", ("services",), "hu",
      "Borturizmus a Balaton-felvidéken: csoportos programok utazási irodáknak",
      "Borkóstolók, pincelátogatások és kerékpártúrák csoportoknak a Balaton északi partján.",
      ("borturizmus", "wine tourism", "Balaton"), ("AT", "DE", "PL"), 38),
    E("it-hotel-food", "IT", "request", "tourism", ("supplier",), "it",
      "Catena alberghiera cerca fornitori di prodotti tipici dall'Europa centrale",
      "Per le colazioni e i ristoranti dei nostri hotel cerchiamo miele, salumi e specialità regionali.",
      ("hotel", "prodotti tipici", "food", "honey"), ("SI", "AT", "HU"), 12),
    # Health care -------------------------------------------------------------------------------
    E("at-health-travel", "AT", "request", "health", ("services",), "en",
      "Medical travel agency seeks rehabilitation and spa clinics",
      "We organise rehabilitation stays for Austrian patients and seek spa clinics with German-speaking staff.",
      ("rehabilitation", "spa", "medical tourism"), (), 20),
    E("hu-clinic-request", "HU", "request", "health", ("technical", "services"), "hu",
      "Magánklinika-hálózat telemedicina megoldást keres",
      "Klinikáink krónikus betegek távoli megfigyelésére alkalmas telemedicina platformot keresnek.",
      ("telemedicina", "e-health", "távfelügyelet"), (), 8),
    E("it-hospital-distributor", "IT", "request", "health", ("commercial-agency",), "it",
      "Distributore di dispositivi medici cerca prodotti innovativi e soluzioni di telemedicina",
      "Distribuiamo dispositivi medici a ospedali lombardi e cerchiamo produttori esteri da rappresentare.",
      ("dispositivi medici", "telemedicina", "medical devices", "e-health"), ("SI", "AT", "DE", "PL"), 15),
    E("pl-medical-devices", "PL", "offer", "health", ("commercial-agency", "supplier"), "pl",
      "Producent jednorazowych wyrobów medycznych szuka dystrybutorów",
      "Produkujemy jednorazowe wyroby medyczne (opatrunki, zestawy zabiegowe) i szukamy dystrybutorów za granicą.",
      ("wyroby medyczne", "medical devices", "dystrybucja"), ("DE", "CZ", "SK", "IT"), 11),
    E("cz-med-distributor", "CZ", "request", "health", ("commercial-agency",), "cs",
      "Distributor zdravotnického materiálu hledá nové výrobce",
      "Dodáváme zdravotnický materiál nemocnicím v Čechách a hledáme zahraniční výrobce jednorázových pomůcek.",
      ("zdravotnický materiál", "medical devices", "distribuce"), ("PL", "DE", "AT"), 23),
    # Logistics & mobility ----------------------------------------------------------------------
    E("pl-transport-offer", "PL", "offer", "logistics", ("services",), "pl",
      "Międzynarodowy transport chłodniczy – wolne moce na trasach do Niemiec i Włoch",
      "Flota 40 chłodni z Legnicy oferuje transport żywności w kontrolowanej temperaturze.",
      ("transport", "chłodnia", "logistyka", "cold chain"), ("DE", "IT", "AT"), 12),
    E("it-cold-chain-request", "IT", "request", "logistics", ("services",), "it",
      "Cerchiamo vettori per il trasporto refrigerato di prodotti freschi verso l'Europa centrale",
      "Cooperativa ortofrutticola cerca trasportatori refrigerati affidabili per consegne in Polonia e Cechia.",
      ("trasporto refrigerato", "cold chain", "logistica"), ("PL", "CZ", "SK", "HU"), 5),
    E("cz-reefer", "CZ", "offer", "logistics", ("services",), "cs",
      "Chlazená kamionová doprava po celé Evropě",
      "Dopravní firma z Ústí nad Labem nabízí chlazenou dopravu potravin a léčiv do Itálie a Německa.",
      ("doprava", "chlazená doprava", "cold chain"), ("IT", "DE", "AT"), 19),
    E("it-transport-offer", "IT", "offer", "logistics", ("services",), "it",
      "Trasporto refrigerato nazionale per prodotti freschi",
      "Autotrasportatore milanese offre trasporto refrigerato in tutta Italia.",
      ("trasporto refrigerato", "logistica", "cold chain"), ("IT",), 3),
    E("de-automotive-logistics", "DE", "request", "logistics", ("services",), "de",
      "Just-in-time-Logistikdienstleister für Automobilwerk gesucht",
      "Für die Belieferung unseres Werks suchen wir Kontraktlogistiker mit Lager in Ungarn oder Tschechien.",
      ("Logistik", "Just-in-time", "automotive", "Lager"), ("CZ", "PL", "HU"), 9),
    E("hu-contract-logistics", "HU", "offer", "logistics", ("services",), "hu",
      "Szerződéses logisztika és raktározás autóipari ügyfeleknek",
      "Győri raktárainkból just-in-time beszállítást végzünk autóipari gyárak számára.",
      ("logisztika", "raktározás", "just-in-time", "automotive"), ("DE", "AT"), 29),
    # ICT ---------------------------------------------------------------------------------------
    E("cz-software-offer", "CZ", "offer", "ict", ("services", "subcontracting"), "en",
      "Nearshore software development team (Java, .NET) for German-speaking clients",
      "A team of 30 developers in Ústí nad Labem takes on Java and .NET projects for clients in Germany and Austria.",
      ("software development", "nearshoring", "Java", ".NET"), ("DE", "AT"), 7),
    E("de-it-request", "DE", "request", "ict", ("subcontracting", "services"), "de",
      "Softwarehaus sucht Nearshore-Entwicklungspartner für Java-Projekte",
      "Wir suchen ein Entwicklerteam in Tschechien, Polen oder der Slowakei für langfristige Java-Projekte.",
      ("Softwareentwicklung", "nearshoring", "Java"), ("CZ", "PL", "SK"), 13),
    E("hu-software-request", "HU", "request", "ict", ("subcontracting",), "hu",
      "Szoftverfejlesztő partnert keresünk Java projektekhez",
      "Budapesti IT-cég külső fejlesztőcsapatot keres banki Java és .NET projektekhez.",
      ("szoftverfejlesztés", "Java", "outsourcing"), ("CZ", "PL", "SK"), 17),
    E("sl-ehealth", "SI", "offer", "ict", ("technical", "commercial-agency"), "en",
      "Telemedicine platform for remote patient monitoring seeks distribution partners",
      "Our certified platform lets clinics monitor chronic patients at home; we seek distributors and pilot clinics.",
      ("telemedicine", "e-health", "remote monitoring"), ("AT", "DE", "HU", "IT"), 16),
    # Professional services ---------------------------------------------------------------------
    E("de-consulting-offer", "DE", "offer", "professional-services", ("services",), "de",
      "Beratung zur Markterschließung in der DACH-Region für KMU aus Mitteleuropa",
      "Wir begleiten Unternehmen aus Mitteleuropa beim Export nach Deutschland, Österreich und in die Schweiz.",
      ("Markteintritt", "Beratung", "DACH", "export"), ("CZ", "PL", "SK", "HU", "SI"), 21),
    E("sk-export-request", "SK", "request", "professional-services", ("services",), "sk",
      "Hľadáme poradcu pre vstup na nemecký trh",
      "Výrobca z Piešťan hľadá poradenskú firmu, ktorá nás sprevádza pri exporte do Nemecka a Rakúska.",
      ("export", "nemecký trh", "poradenstvo", "DACH"), ("DE", "AT"), 6),
    E("hu-translation-offer", "HU", "offer", "professional-services", ("services",), "hu",
      "Fordítás és tolmácsolás német és angol nyelven",
      "Szakfordítás és tolmácsolás exportáló cégeknek német, angol és olasz nyelven.",
      ("fordítás", "tolmácsolás", "export"), ("DE", "AT"), 40),
    E("pl-accounting-offer", "PL", "offer", "professional-services", ("services",), "pl",
      "Biuro rachunkowe obsługuje zagranicznych inwestorów w Polsce",
      "Prowadzimy księgowość i kadry spółek zależnych firm z Niemiec i Włoch.",
      ("księgowość", "accounting", "payroll"), ("DE", "AT", "IT"), 18),
    E("it-accounting-request", "IT", "request", "professional-services", ("services",), "it",
      "Cerchiamo uno studio contabile in Polonia per la nostra filiale",
      "Azienda meccanica con filiale a Breslavia cerca un partner per contabilità e paghe.",
      ("contabilità", "accounting", "Polonia"), ("PL",), 10),
)

# What a domain expert expects among the matches of each query listing.
RELEVANT: dict[str, frozenset[str]] = {key: frozenset(value) for key, value in {
    "si-pellets": {"at-pellet-distributor", "it-pellet-buyer", "de-biomass-heating"},
    "at-pellet-distributor": {"si-pellets", "pl-pellets"},
    "it-pellet-buyer": {"si-pellets", "pl-pellets"},
    "cz-furniture-sub": {"pl-furniture-components", "sk-cnc-wood"},
    "de-auto-request": {"sk-die-casting", "hu-aluminium", "cz-machining"},
    "at-aero-request": {"it-composites-lab"},
    "hu-food-packaging-request": {"it-packaging-machines", "de-packaging-film"},
    "it-packaging-machines": {"hu-food-packaging-request", "pl-dairy-packaging"},
    "cz-brewery-export": {"at-beverage-distributor", "de-delicatessen-importer"},
    "de-delicatessen-importer": {"cz-brewery-export", "sl-honey", "hu-paprika"},
    "sk-spa-offer": {"de-tour-operator", "at-health-travel"},
    "it-hotel-food": {"sl-honey", "hu-paprika"},
    "it-cold-chain-request": {"pl-transport-offer", "cz-reefer"},
    "de-automotive-logistics": {"hu-contract-logistics"},
    "cz-software-offer": {"de-it-request", "hu-software-request"},
    "hu-software-request": {"cz-software-offer"},
    "de-firewood-request": {"pl-briquettes", "pl-pellets", "si-pellets"},
    "it-furniture-agent": {"sk-furniture-maker"},
    "sk-food-research": {"sl-food-research"},
    "sl-ehealth": {"hu-clinic-request", "it-hospital-distributor"},
    "pl-medical-devices": {"cz-med-distributor", "it-hospital-distributor"},
    "at-solar-jv": {"cz-solar-jv", "hu-solar-investor"},
    "it-recycling-request": {"sk-recycling"},
    "de-research-hydrogen": {"pl-research-hydrogen", "cz-hydrogen-request"},
    "de-consulting-offer": {"sk-export-request"},
    "pl-accounting-offer": {"it-accounting-request"},
}.items()}

# Pairs that must never be shown: no counterpart (the same kind without a shared R&D or
# joint-venture aim), or the same company.
NEVER: dict[str, frozenset[str]] = {key: frozenset(value) for key, value in {
    "si-pellets": {"pl-pellets"},                       # two offers of pellets
    "de-auto-request": {"at-pellet-distributor"},       # two requests
    "de-consulting-offer": {"hu-translation-offer"},    # two offers of services
}.items()}


def load(now: datetime) -> dict[str, object]:
    """Create one company per listing (named after its key) and the published listings."""
    listings = {}
    for entry in LISTINGS:
        company = make_company(f"Company {entry.key}", country=entry.country, sectors=(entry.sector,))
        published = now - timedelta(days=entry.days_ago)
        listings[entry.key] = make_listing(
            company, kind=entry.kind, sector=entry.sector, title=entry.title, summary=entry.summary,
            description=entry.summary, language=entry.language, cooperation_types=list(entry.types),
            keywords=list(entry.keywords), target_countries=list(entry.targets),
            published_at=published, expires_at=published + timedelta(days=365))
    return listings


def precision_at_5(ranked: dict[str, list[str]]) -> float:
    """Mean over query listings of |relevant ∩ top 5| / min(5, |relevant|)."""
    scores = [len(RELEVANT[key] & set(ranked[key][:5])) / min(5, len(RELEVANT[key])) for key in RELEVANT]
    return sum(scores) / len(scores)
