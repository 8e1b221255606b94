"""Demo data: phrases that company descriptions are composed from, in English and local languages."""
from __future__ import annotations

# What a company does, as a noun phrase that fits "specialising in …" and "we offer …".
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "logistics": ("road freight between Central and Western Europe", "contract logistics and cross-docking",
                  "temperature-controlled transport for food producers", "customs clearance and freight forwarding",
                  "last-mile delivery with electric vans"),
    "health": ("single-use medical devices and surgical instruments", "laboratory diagnostics for clinics",
               "rehabilitation aids and orthopaedic products", "software for hospital scheduling",
               "sterilisation services for medical equipment"),
    "professional-services": ("engineering and technical documentation", "accounting and payroll for SMEs",
                              "export consulting and market entry support", "EU funding and project management",
                              "quality management and ISO certification support"),
    "energy-environment": ("rooftop solar installations for industry", "heat pumps and building energy audits",
                           "recycling of plastics and packaging waste", "biomass boilers and district heating",
                           "water treatment plants for municipalities"),
    "ict": ("custom business software and web applications", "ERP implementation for manufacturers",
            "industrial IoT and machine data platforms", "cyber security audits and managed IT services",
            "mobile apps and e-commerce platforms"),
    "production": ("CNC machining of precision parts", "sheet metal processing and welded assemblies",
                   "special-purpose machines and automation cells", "aluminium and grey iron castings",
                   "injection moulds and press tools"),
    "automotive-aerospace": ("machined components for the automotive industry", "wiring harnesses and cable assemblies",
                             "composite parts for light aircraft", "plastic interior parts for car makers",
                             "test benches for vehicle components"),
    "wood": ("timber frame houses and prefabricated wall elements", "solid wood furniture for hotels and offices",
             "sawn timber, glued laminated beams and wood pellets", "windows, doors and interior joinery",
             "wooden toys and garden products"),
    "tourism": ("incoming tours for groups and business travellers", "spa and wellness stays",
                "cycling and hiking holidays in the region", "conference and event organisation",
                "rural guest houses and farm holidays"),
    "food": ("traditional bakery products and frozen dough", "cheese and dairy specialities",
             "craft beer and non-alcoholic malt drinks", "smoked meat and sausage specialities",
             "organic fruit juices and preserves"),
}

# One sentence on how the company works, per sector.
CAPABILITIES: dict[str, tuple[str, ...]] = {
    "logistics": ("Our fleet of {fleet} trucks runs on regular lines to Germany, Austria and Italy.",
                  "We operate a bonded warehouse with {area} m² of storage space.",
                  "Shipments are tracked in real time and our dispatchers speak four languages."),
    "health": ("Our products are certified under the EU Medical Device Regulation.",
               "We work with hospitals and distributors in {n_countries} countries.",
               "A clean room of {area} m² allows us to assemble sterile products."),
    "professional-services": ("Our team of engineers and economists has completed more than {projects} projects.",
                              "We support clients in {n_countries} languages, from the first idea to the final report.",
                              "We combine technical know-how with experience in public procurement."),
    "energy-environment": ("We have installed more than {projects} systems for companies and municipalities.",
                           "Our engineers plan, install and maintain every system we deliver.",
                           "We hold the certifications required for public tenders in the EU."),
    "ict": ("Our developers work in agile teams and deliver in two-week sprints.",
            "We have completed more than {projects} projects for manufacturers and retailers.",
            "We host and maintain our solutions in data centres inside the EU."),
    "production": ("Our machine park includes {machines} CNC machines and a fully equipped measuring room.",
                   "We are certified to ISO 9001 and deliver series from prototypes to 50,000 pieces.",
                   "In-house design and tool making keep our lead times short."),
    "automotive-aerospace": ("We are certified to IATF 16949 and supply tier-1 suppliers in {n_countries} countries.",
                             "Our production runs in three shifts with full traceability of every part.",
                             "We hold EN 9100 certification for aerospace components."),
    "wood": ("We process about {volume} m³ of certified timber from regional forests every year.",
             "Our CNC joinery line handles batches from one piece to several thousand.",
             "All our products carry the PEFC or FSC label."),
    "tourism": ("We welcome more than {guests} guests a year from all over Europe.",
                "Our guides speak English, German and Italian.",
                "We work closely with local producers, museums and spa resorts."),
    "food": ("Our products are sold in {shops} shops and exported to {n_countries} countries.",
             "We are IFS certified and work with local farmers.",
             "Recipes from our founders are still the heart of our range."),
}

# How a description opens; {size} is one of SIZE_WORDS.
OPENERS = (
    "{name} is a {size} company from {city} specialising in {activity}.",
    "Founded in {year}, we offer {activity} to customers in {region} and beyond.",
    "Since {year} our team in {city} has specialised in {activity}.",
    "We are a {size} business based in {city}, offering {activity}.",
)

SIZE_WORDS = {
    "micro": ("small family-run", "young", "small owner-managed"),
    "small": ("growing", "family-owned", "dynamic"),
    "medium": ("medium-sized", "well-established", "export-oriented"),
    "large": ("leading", "large", "well-established"),
}

# What the company seeks; {target} names one or two other countries.
SEEKING = (
    "We are looking for distribution partners in {target}.",
    "We would like to meet subcontractors and suppliers from {target}.",
    "We are open to joint projects with companies and research partners across Central Europe.",
    "We seek partners in {target} for joint bids in EU-funded projects.",
    "We want to grow our exports to {target} and welcome enquiries from agents there.",
)

# Short local-language descriptions: an opener with {city}, {year} and the local activity, then a wish.
LOCAL_TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cs": (("Jsme firma z města {city}, od roku {year} se zabýváme oborem {activity}.",
            "Naše společnost působí v oboru {activity} od roku {year}."),
           ("Hledáme obchodní partnery v zahraničí.", "Rádi navážeme spolupráci s firmami ze sousedních zemí.")),
    "pl": (("Jesteśmy firmą z miejscowości {city}, od {year} roku działamy w branży: {activity}.",
            "Od {year} roku specjalizujemy się w branży: {activity}."),
           ("Szukamy partnerów handlowych za granicą.", "Chętnie nawiążemy współpracę z firmami z krajów sąsiednich.")),
    "sk": (("Sme firma z mesta {city}, od roku {year} pôsobíme v odbore {activity}.",
            "Naša spoločnosť sa od roku {year} venuje odboru {activity}."),
           ("Hľadáme obchodných partnerov v zahraničí.", "Radi nadviažeme spoluprácu s firmami zo susedných krajín.")),
    "sl": (("Smo podjetje iz kraja {city}, od leta {year} delujemo na področju: {activity}.",
            "Od leta {year} se ukvarjamo s področjem: {activity}."),
           ("Iščemo poslovne partnerje v tujini.", "Radi bi sodelovali s podjetji iz sosednjih držav.")),
    "de": (("Wir sind ein Unternehmen aus {city} und seit {year} im Bereich {activity} tätig.",
            "Seit {year} sind wir auf {activity} spezialisiert."),
           ("Wir suchen Vertriebspartner im Ausland.", "Wir freuen uns auf Kooperationen mit Unternehmen aus Mitteleuropa.")),
    "hu": (("{city} székhelyű cégünk {year} óta foglalkozik a következővel: {activity}.",
            "{year} óta tevékenységünk középpontjában ez áll: {activity}."),
           ("Külföldi üzleti partnereket keresünk.", "Szívesen együttműködünk a szomszédos országok cégeivel.")),
    "it": (("Siamo un'azienda di {city} e dal {year} ci occupiamo di {activity}.",
            "Dal {year} siamo specializzati in {activity}."),
           ("Cerchiamo partner commerciali all'estero.", "Siamo aperti a collaborazioni con aziende dell'Europa centrale.")),
}

# The sector, as a local phrase that fits the templates above.
LOCAL_ACTIVITIES: dict[str, dict[str, str]] = {
    "cs": {"logistics": "doprava a logistika", "health": "zdravotnická technika",
           "professional-services": "poradenství a inženýring", "energy-environment": "energetika a životní prostředí",
           "ict": "vývoj softwaru", "production": "strojírenská výroba",
           "automotive-aerospace": "výroba dílů pro automobilový průmysl", "wood": "zpracování dřeva a výroba nábytku",
           "tourism": "cestovní ruch", "food": "výroba potravin"},
    "pl": {"logistics": "transport i logistyka", "health": "sprzęt medyczny",
           "professional-services": "doradztwo i usługi inżynierskie", "energy-environment": "energia i ochrona środowiska",
           "ict": "tworzenie oprogramowania", "production": "obróbka metali",
           "automotive-aerospace": "części dla przemysłu motoryzacyjnego", "wood": "przetwórstwo drewna i meble",
           "tourism": "turystyka", "food": "przetwórstwo spożywcze"},
    "sk": {"logistics": "doprava a logistika", "health": "zdravotnícka technika",
           "professional-services": "poradenstvo a inžiniering", "energy-environment": "energetika a životné prostredie",
           "ict": "vývoj softvéru", "production": "strojárska výroba",
           "automotive-aerospace": "výroba dielov pre automobilový priemysel", "wood": "spracovanie dreva a výroba nábytku",
           "tourism": "cestovný ruch", "food": "výroba potravín"},
    "sl": {"logistics": "transport in logistika", "health": "medicinska tehnika",
           "professional-services": "svetovanje in inženiring", "energy-environment": "energetika in okolje",
           "ict": "razvoj programske opreme", "production": "kovinska predelava",
           "automotive-aerospace": "deli za avtomobilsko industrijo", "wood": "predelava lesa in pohištvo",
           "tourism": "turizem", "food": "predelava hrane"},
    "de": {"logistics": "Transport und Logistik", "health": "Medizintechnik",
           "professional-services": "Beratung und Engineering", "energy-environment": "Energie- und Umwelttechnik",
           "ict": "Softwareentwicklung", "production": "Maschinen- und Anlagenbau",
           "automotive-aerospace": "Fahrzeugkomponenten", "wood": "Holzbau und Möbel",
           "tourism": "Tourismus", "food": "Lebensmittelherstellung"},
    "hu": {"logistics": "szállítmányozás és logisztika", "health": "orvostechnikai eszközök",
           "professional-services": "tanácsadás és mérnöki szolgáltatások", "energy-environment": "energetika és környezetvédelem",
           "ict": "szoftverfejlesztés", "production": "fémmegmunkálás és gépgyártás",
           "automotive-aerospace": "járműipari alkatrészek gyártása", "wood": "fafeldolgozás és bútorgyártás",
           "tourism": "turizmus", "food": "élelmiszer-feldolgozás"},
    "it": {"logistics": "trasporti e logistica", "health": "dispositivi medici",
           "professional-services": "consulenza e ingegneria", "energy-environment": "energia e ambiente",
           "ict": "sviluppo software", "production": "lavorazioni meccaniche",
           "automotive-aerospace": "componenti per l'industria automobilistica", "wood": "lavorazione del legno e arredamento",
           "tourism": "turismo", "food": "produzione alimentare"},
}

# What a company writes when it asks to join a cluster.
JOIN_MESSAGES = (
    "We would like to join the cluster to meet partners in our industry.",
    "We are interested in the cluster's export activities and joint projects.",
    "Our company would like to take part in the cluster's working groups.",
    "We are looking for partners abroad and would welcome the cluster's support.",
    "",
)
