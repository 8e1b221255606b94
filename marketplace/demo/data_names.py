"""Demo data: words that company names are built from, per language and sector."""
from __future__ import annotations

# The trade a company name states, in the language of its country ("Tartak", "Holzbau", "Faipari").
SECTOR_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "cs": {
        "logistics": ("Doprava", "Logistika", "Spedice", "Autodoprava"),
        "health": ("Zdravotnická technika", "Medica", "Laboratoře"),
        "professional-services": ("Poradenství", "Inženýring", "Projekce", "Účetnictví"),
        "energy-environment": ("Energo", "Ekotechnika", "Solární systémy", "Recyklace"),
        "ict": ("Software", "IT služby", "Informační systémy"),
        "production": ("Strojírna", "Kovovýroba", "Slévárna", "Nástrojárna"),
        "automotive-aerospace": ("Autodíly", "Autokomponenty", "Letecké díly"),
        "wood": ("Dřevovýroba", "Truhlářství", "Pila", "Dřevostavby"),
        "tourism": ("Cestovní kancelář", "Turistické služby", "Lázeňské služby"),
        "food": ("Pekárna", "Mlékárna", "Pivovar", "Uzeniny"),
    },
    "pl": {
        "logistics": ("Transport", "Logistyka", "Spedycja", "Przewozy"),
        "health": ("Sprzęt Medyczny", "Laboratorium", "Medtech"),
        "professional-services": ("Doradztwo", "Biuro Projektowe", "Biuro Rachunkowe", "Konsulting"),
        "energy-environment": ("Ekoenergia", "Fotowoltaika", "Recykling", "Energetyka"),
        "ict": ("Systemy Informatyczne", "Software", "Informatyka"),
        "production": ("Zakład Mechaniczny", "Obróbka Metali", "Odlewnia", "Narzędziownia"),
        "automotive-aerospace": ("Części Samochodowe", "Komponenty Lotnicze", "Automotive"),
        "wood": ("Tartak", "Stolarka", "Meble", "Drewno"),
        "tourism": ("Biuro Podróży", "Turystyka", "Pensjonat"),
        "food": ("Piekarnia", "Mleczarnia", "Zakłady Mięsne", "Browar"),
    },
    "sk": {
        "logistics": ("Doprava", "Logistika", "Špedícia", "Autodoprava"),
        "health": ("Zdravotnícka technika", "Medika", "Laboratóriá"),
        "professional-services": ("Poradenstvo", "Inžiniering", "Projekcia", "Účtovníctvo"),
        "energy-environment": ("Energo", "Ekotechnika", "Solárne systémy", "Recyklácia"),
        "ict": ("Software", "IT služby", "Informačné systémy"),
        "production": ("Strojárne", "Kovovýroba", "Zlievareň", "Nástrojáreň"),
        "automotive-aerospace": ("Autodiely", "Autokomponenty", "Automotive"),
        "wood": ("Drevovýroba", "Stolárstvo", "Píla", "Drevostavby"),
        "tourism": ("Cestovná kancelária", "Kúpeľné služby", "Turistické služby"),
        "food": ("Pekáreň", "Mliekareň", "Vinárstvo", "Pivovar"),
    },
    "sl": {
        "logistics": ("Transport", "Logistika", "Prevozi", "Špedicija"),
        "health": ("Medicinska tehnika", "Laboratorij", "Medis"),
        "professional-services": ("Svetovanje", "Inženiring", "Projektiranje", "Računovodstvo"),
        "energy-environment": ("Energija", "Ekotehnika", "Sončne elektrarne", "Reciklaža"),
        "ict": ("Informatika", "Programska oprema", "Software"),
        "production": ("Strojegradnja", "Kovinarstvo", "Livarna", "Orodjarna"),
        "automotive-aerospace": ("Avtodeli", "Avtokomponente", "Automotive"),
        "wood": ("Lesna", "Mizarstvo", "Žaga", "Lesarstvo"),
        "tourism": ("Turizem", "Potovalna agencija", "Turistične storitve"),
        "food": ("Pekarna", "Mlekarna", "Vinarstvo", "Mesnine"),
    },
    "de": {
        "logistics": ("Spedition", "Logistik", "Transporte"),
        "health": ("Medizintechnik", "Labortechnik", "Orthopädietechnik"),
        "professional-services": ("Beratung", "Ingenieurbüro", "Consulting", "Steuerberatung"),
        "energy-environment": ("Energietechnik", "Solartechnik", "Umwelttechnik", "Recycling"),
        "ict": ("Software", "IT-Systeme", "Datentechnik", "Informatik"),
        "production": ("Maschinenbau", "Metallbau", "Präzisionstechnik", "Werkzeugbau"),
        "automotive-aerospace": ("Fahrzeugtechnik", "Automotive", "Luftfahrttechnik"),
        "wood": ("Holzbau", "Tischlerei", "Sägewerk", "Möbelwerkstätten"),
        "tourism": ("Reisen", "Touristik", "Hotelbetriebe"),
        "food": ("Bäckerei", "Feinkost", "Molkerei", "Brauerei"),
    },
    "hu": {
        "logistics": ("Fuvarozó", "Logisztikai", "Szállítmányozási"),
        "health": ("Orvostechnikai", "Egészségügyi", "Labordiagnosztikai"),
        "professional-services": ("Tanácsadó", "Mérnöki", "Könyvelő"),
        "energy-environment": ("Energetikai", "Környezetvédelmi", "Napenergia", "Hulladékhasznosító"),
        "ict": ("Informatikai", "Szoftverfejlesztő", "Rendszerház"),
        "production": ("Gépgyártó", "Fémmegmunkáló", "Öntödei", "Szerszámgyártó"),
        "automotive-aerospace": ("Járműipari", "Autóalkatrész", "Járműtechnikai"),
        "wood": ("Faipari", "Fafeldolgozó", "Bútorgyártó", "Asztalos"),
        "tourism": ("Utazási", "Turisztikai", "Idegenforgalmi"),
        "food": ("Élelmiszeripari", "Sütőipari", "Tejipari", "Borászati"),
    },
    "it": {
        "logistics": ("Trasporti", "Logistica", "Spedizioni"),
        "health": ("Medicale", "Diagnostica", "Forniture Ospedaliere"),
        "professional-services": ("Consulenze", "Studio Tecnico", "Ingegneria"),
        "energy-environment": ("Energia", "Impianti Solari", "Ecologia", "Ambiente"),
        "ict": ("Informatica", "Software", "Sistemi Informativi"),
        "production": ("Meccanica", "Carpenteria Metallica", "Fonderia", "Stampi"),
        "automotive-aerospace": ("Componenti Auto", "Aeronautica", "Automotive"),
        "wood": ("Legnami", "Falegnameria", "Segheria", "Arredamenti"),
        "tourism": ("Viaggi", "Turismo", "Servizi Turistici"),
        "food": ("Caseificio", "Salumificio", "Pastificio", "Panificio"),
    },
    "en": {
        "logistics": ("Logistics", "Transport", "Freight"),
        "health": ("Medical", "Health Tech", "Diagnostics"),
        "professional-services": ("Consulting", "Engineering", "Advisory"),
        "energy-environment": ("Energy", "Solar", "Environmental", "Recycling"),
        "ict": ("Software", "Systems", "Digital", "Data"),
        "production": ("Engineering", "Machining", "Precision", "Tooling"),
        "automotive-aerospace": ("Automotive", "Aero", "Mobility Components"),
        "wood": ("Timber", "Wood", "Furniture"),
        "tourism": ("Travel", "Tours", "Hospitality"),
        "food": ("Foods", "Dairy", "Bakery"),
    },
}

# Where the trade word follows the owner's name ("Kovács Faipari Kft.", "Rossi Meccanica S.r.l.")
# rather than leading it ("Tartak Kowalski Sp. z o.o.").
SURNAME_FIRST = {"hu": 1.0, "de": 0.5, "it": 0.4, "en": 1.0}

# Languages in which "<trade word> <city>" reads naturally ("Pila Děčín s.r.o.", "Lesna Celje d.o.o.").
CITY_NAMES_OK = {"cs", "pl", "sk", "sl", "it", "de"}
