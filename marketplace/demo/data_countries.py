"""Demo data per country: regions and cities, people's names, legal forms, languages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountryData:
    weight: int  # share of demo companies, relative to the others
    language: str  # main language spoken (ISO 639-1), also the name words' language
    words: str  # which sector word list names the companies ("en" for countries without one)
    phone_prefix: str
    # (region, cities, is_partner_region): partner regions get more companies.
    regions: tuple[tuple[str, tuple[str, ...], bool], ...]
    male_first: tuple[str, ...]
    female_first: tuple[str, ...]
    # (male form, female form); languages without gendered surnames repeat the name.
    surnames: tuple[tuple[str, str], ...]
    legal_forms: tuple[tuple[str, int], ...]  # (form, weight)
    brands: tuple[str, ...] = ()  # place-like names for "Pannon Faipari Kft."-style names


def _same(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((n, n) for n in names)


COUNTRIES: dict[str, CountryData] = {
    "CZ": CountryData(
        weight=18, language="cs", words="cs", phone_prefix="+420",
        regions=(
            ("Ústecký kraj", ("Ústí nad Labem", "Děčín", "Teplice", "Most", "Chomutov", "Litoměřice"), True),
            ("Moravskoslezský kraj", ("Ostrava", "Opava", "Frýdek-Místek", "Karviná", "Nový Jičín"), False),
            ("Jihomoravský kraj", ("Brno", "Znojmo", "Břeclav", "Blansko"), False),
            ("Hlavní město Praha", ("Praha",), False),
            ("Plzeňský kraj", ("Plzeň", "Klatovy", "Domažlice"), False),
            ("Středočeský kraj", ("Mladá Boleslav", "Kladno", "Kolín"), False),
            ("Liberecký kraj", ("Liberec", "Jablonec nad Nisou"), False),
            ("Zlínský kraj", ("Zlín", "Vsetín", "Uherské Hradiště"), False),
            ("Kraj Vysočina", ("Jihlava", "Třebíč"), False),
            ("Jihočeský kraj", ("České Budějovice", "Tábor"), False),
        ),
        male_first=("Jan", "Petr", "Tomáš", "Martin", "Pavel", "Jiří", "Lukáš", "Jakub", "Ondřej", "Michal"),
        female_first=("Jana", "Lucie", "Petra", "Kateřina", "Eva", "Tereza", "Veronika", "Markéta", "Hana", "Lenka"),
        surnames=(("Novák", "Nováková"), ("Svoboda", "Svobodová"), ("Novotný", "Novotná"),
                  ("Dvořák", "Dvořáková"), ("Černý", "Černá"), ("Procházka", "Procházková"),
                  ("Kučera", "Kučerová"), ("Veselý", "Veselá"), ("Horák", "Horáková"), ("Marek", "Marková"),
                  ("Pokorný", "Pokorná"), ("Král", "Králová"), ("Beneš", "Benešová"), ("Fiala", "Fialová")),
        legal_forms=(("s.r.o.", 8), ("a.s.", 2), ("spol. s r.o.", 1)),
        brands=("Labe", "Krušnohor", "Beskyd", "Morava", "Šumava", "Vltava"),
    ),
    "PL": CountryData(
        weight=18, language="pl", words="pl", phone_prefix="+48",
        regions=(
            ("Województwo dolnośląskie", ("Legnica", "Wrocław", "Lubin", "Głogów", "Jelenia Góra", "Wałbrzych"), True),
            ("Województwo śląskie", ("Bielsko-Biała", "Katowice", "Gliwice", "Cieszyn", "Żywiec", "Rybnik"), True),
            ("Województwo małopolskie", ("Kraków", "Tarnów", "Nowy Sącz"), False),
            ("Województwo wielkopolskie", ("Poznań", "Kalisz", "Konin"), False),
            ("Województwo mazowieckie", ("Warszawa", "Radom", "Płock"), False),
            ("Województwo pomorskie", ("Gdańsk", "Gdynia", "Słupsk"), False),
            ("Województwo łódzkie", ("Łódź", "Piotrków Trybunalski"), False),
            ("Województwo opolskie", ("Opole", "Nysa"), False),
        ),
        male_first=("Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Łukasz", "Adam", "Grzegorz"),
        female_first=("Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Monika", "Ewa", "Aleksandra",
                      "Natalia", "Małgorzata"),
        surnames=(("Kowalski", "Kowalska"), ("Nowak", "Nowak"), ("Wiśniewski", "Wiśniewska"),
                  ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska"),
                  ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"),
                  ("Dąbrowski", "Dąbrowska"), ("Mazur", "Mazur"), ("Krawczyk", "Krawczyk"),
                  ("Pawlak", "Pawlak"), ("Michalski", "Michalska")),
        legal_forms=(("Sp. z o.o.", 8), ("S.A.", 1), ("sp.j.", 1)),
        brands=("Karkonosze", "Beskid", "Odra", "Silesia", "Wisła", "Sudety"),
    ),
    "SK": CountryData(
        weight=10, language="sk", words="sk", phone_prefix="+421",
        regions=(
            ("Trnavský kraj", ("Trnava", "Piešťany", "Hlohovec", "Galanta", "Senica", "Dunajská Streda"), True),
            ("Bratislavský kraj", ("Bratislava", "Pezinok", "Malacky"), False),
            ("Žilinský kraj", ("Žilina", "Martin", "Ružomberok"), False),
            ("Košický kraj", ("Košice", "Michalovce"), False),
            ("Banskobystrický kraj", ("Banská Bystrica", "Zvolen"), False),
            ("Nitriansky kraj", ("Nitra", "Nové Zámky", "Komárno"), False),
            ("Trenčiansky kraj", ("Trenčín", "Považská Bystrica"), False),
            ("Prešovský kraj", ("Prešov", "Poprad"), False),
        ),
        male_first=("Peter", "Martin", "Michal", "Ján", "Tomáš", "Marek", "Juraj", "Lukáš", "Jozef", "Matej"),
        female_first=("Zuzana", "Mária", "Katarína", "Lucia", "Jana", "Martina", "Monika", "Veronika", "Simona", "Eva"),
        surnames=(("Horváth", "Horváthová"), ("Kováč", "Kováčová"), ("Varga", "Vargová"), ("Tóth", "Tóthová"),
                  ("Baláž", "Balážová"), ("Molnár", "Molnárová"), ("Lukáč", "Lukáčová"), ("Kollár", "Kollárová"),
                  ("Polák", "Poláková"), ("Hudák", "Hudáková"), ("Oravec", "Oravcová"), ("Švec", "Švecová")),
        legal_forms=(("s.r.o.", 9), ("a.s.", 2)),
        brands=("Váh", "Tatra", "Záhorie", "Podunajsko", "Karpaty"),
    ),
    "SI": CountryData(
        weight=8, language="sl", words="sl", phone_prefix="+386",
        regions=(
            ("Savinjska", ("Celje", "Velenje", "Žalec", "Šentjur", "Laško", "Slovenske Konjice"), True),
            ("Osrednjeslovenska", ("Ljubljana", "Domžale", "Kamnik"), False),
            ("Podravska", ("Maribor", "Ptuj"), False),
            ("Gorenjska", ("Kranj", "Škofja Loka", "Jesenice"), False),
            ("Jugovzhodna Slovenija", ("Novo mesto", "Črnomelj"), False),
            ("Obalno-kraška", ("Koper", "Sežana"), False),
            ("Koroška", ("Slovenj Gradec", "Ravne na Koroškem"), False),
        ),
        male_first=("Luka", "Marko", "Matej", "Jure", "Andrej", "Gregor", "Tomaž", "Rok", "Primož", "Aleš"),
        female_first=("Maja", "Nina", "Petra", "Mojca", "Urška", "Katja", "Tina", "Anja", "Špela", "Barbara"),
        surnames=_same("Novak", "Horvat", "Krajnc", "Kovačič", "Zupančič", "Kovač", "Potočnik", "Mlakar",
                       "Vidmar", "Golob", "Kos", "Turk", "Kolar", "Žagar"),
        legal_forms=(("d.o.o.", 9), ("d.d.", 1), ("s.p.", 1)),
        brands=("Savinja", "Pohorje", "Kozjansko", "Triglav", "Sotla"),
    ),
    "DE": CountryData(
        weight=14, language="de", words="de", phone_prefix="+49",
        regions=(
            ("Baden-Württemberg", ("Stuttgart", "Esslingen am Neckar", "Ludwigsburg", "Böblingen", "Göppingen",
                                   "Waiblingen", "Reutlingen"), True),
            ("Bayern", ("München", "Nürnberg", "Augsburg", "Regensburg", "Passau"), False),
            ("Sachsen", ("Dresden", "Leipzig", "Chemnitz", "Görlitz"), False),
            ("Nordrhein-Westfalen", ("Köln", "Dortmund", "Bielefeld"), False),
            ("Hessen", ("Frankfurt am Main", "Kassel"), False),
            ("Thüringen", ("Erfurt", "Jena"), False),
            ("Berlin", ("Berlin",), False),
        ),
        male_first=("Thomas", "Michael", "Andreas", "Stefan", "Markus", "Jan", "Tobias", "Florian", "Jonas", "Matthias"),
        female_first=("Julia", "Katrin", "Anna", "Sabine", "Laura", "Lena", "Christina", "Sandra", "Nina", "Miriam"),
        surnames=_same("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                       "Hoffmann", "Koch", "Bauer", "Richter", "Wolf"),
        legal_forms=(("GmbH", 10), ("GmbH & Co. KG", 3), ("AG", 1), ("e.K.", 1)),
        brands=("Neckar", "Schwaben", "Filstal", "Remstal", "Alb"),
    ),
    "AT": CountryData(
        weight=9, language="de", words="de", phone_prefix="+43",
        regions=(
            ("Oberösterreich", ("Linz", "Wels", "Steyr", "Vöcklabruck", "Gmunden", "Ried im Innkreis"), True),
            ("Niederösterreich", ("St. Pölten", "Wiener Neustadt", "Amstetten"), False),
            ("Steiermark", ("Graz", "Leoben", "Weiz"), False),
            ("Wien", ("Wien",), False),
            ("Salzburg", ("Salzburg", "Hallein"), False),
            ("Tirol", ("Innsbruck", "Kufstein"), False),
            ("Kärnten", ("Klagenfurt am Wörthersee", "Villach"), False),
        ),
        male_first=("Lukas", "Florian", "Stefan", "Christoph", "Markus", "Daniel", "Thomas", "Wolfgang", "Georg",
                    "Bernhard"),
        female_first=("Anna", "Lisa", "Sarah", "Katharina", "Elisabeth", "Johanna", "Theresa", "Verena",
                      "Magdalena", "Barbara"),
        surnames=_same("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer",
                       "Leitner", "Berger", "Fuchs", "Eder", "Winkler"),
        legal_forms=(("GmbH", 10), ("KG", 2), ("OG", 1), ("AG", 1)),
        brands=("Traunsee", "Mühlviertel", "Innviertel", "Donau", "Salzkammergut"),
    ),
    "HU": CountryData(
        weight=9, language="hu", words="hu", phone_prefix="+36",
        regions=(
            ("Közép-Dunántúl", ("Székesfehérvár", "Veszprém", "Tatabánya", "Dunaújváros", "Pápa", "Komárom"), True),
            ("Budapest", ("Budapest",), False),
            ("Nyugat-Dunántúl", ("Győr", "Sopron", "Szombathely", "Zalaegerszeg"), False),
            ("Dél-Alföld", ("Szeged", "Kecskemét", "Békéscsaba"), False),
            ("Észak-Magyarország", ("Miskolc", "Eger"), False),
            ("Dél-Dunántúl", ("Pécs", "Kaposvár"), False),
            ("Észak-Alföld", ("Debrecen", "Nyíregyháza"), False),
        ),
        male_first=("László", "István", "Zoltán", "Péter", "Gábor", "Attila", "Tamás", "Balázs", "Csaba", "Dániel"),
        female_first=("Katalin", "Erzsébet", "Anna", "Zsófia", "Eszter", "Krisztina", "Andrea", "Judit", "Réka",
                      "Nóra"),
        surnames=_same("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas",
                       "Balogh", "Papp", "Takács", "Juhász"),
        legal_forms=(("Kft.", 10), ("Zrt.", 1), ("Bt.", 2)),
        brands=("Pannon", "Bakony", "Balaton", "Vértes", "Duna", "Alba"),
    ),
    "IT": CountryData(
        weight=10, language="it", words="it", phone_prefix="+39",
        regions=(
            ("Lombardia", ("Milano", "Monza", "Bergamo", "Brescia", "Como", "Lecco", "Varese"), True),
            ("Veneto", ("Verona", "Padova", "Treviso", "Vicenza"), False),
            ("Piemonte", ("Torino", "Novara", "Cuneo"), False),
            ("Emilia-Romagna", ("Bologna", "Modena", "Parma"), False),
            ("Friuli-Venezia Giulia", ("Udine", "Pordenone", "Trieste"), False),
            ("Trentino-Alto Adige", ("Trento", "Bolzano"), False),
            ("Toscana", ("Firenze", "Prato"), False),
        ),
        male_first=("Marco", "Luca", "Giuseppe", "Andrea", "Francesco", "Alessandro", "Matteo", "Davide", "Stefano",
                    "Paolo"),
        female_first=("Giulia", "Chiara", "Francesca", "Sara", "Valentina", "Elena", "Federica", "Silvia", "Martina",
                      "Laura"),
        surnames=_same("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                       "Greco", "Bruno", "Gallo", "Conti", "Mariani"),
        legal_forms=(("S.r.l.", 10), ("S.p.A.", 1), ("S.n.c.", 2)),
        brands=("Lario", "Brianza", "Adda", "Padana", "Orobica"),
    ),
    "HR": CountryData(
        weight=2, language="hr", words="en", phone_prefix="+385",
        regions=(("Grad Zagreb", ("Zagreb",), False), ("Primorsko-goranska županija", ("Rijeka",), False),
                 ("Varaždinska županija", ("Varaždin",), False), ("Osječko-baranjska županija", ("Osijek",), False)),
        male_first=("Ivan", "Marko", "Luka", "Tomislav", "Josip"),
        female_first=("Ana", "Ivana", "Marija", "Petra", "Martina"),
        surnames=_same("Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak"),
        legal_forms=(("d.o.o.", 1),),
        brands=("Adria", "Drava", "Zagorje"),
    ),
    "FR": CountryData(
        weight=1, language="fr", words="en", phone_prefix="+33",
        regions=(("Auvergne-Rhône-Alpes", ("Lyon", "Grenoble"), False), ("Grand Est", ("Strasbourg", "Mulhouse"), False),
                 ("Île-de-France", ("Paris",), False)),
        male_first=("Pierre", "Nicolas", "Julien", "Thomas"),
        female_first=("Camille", "Claire", "Sophie", "Julie"),
        surnames=_same("Martin", "Bernard", "Dubois", "Laurent", "Moreau", "Lefebvre"),
        legal_forms=(("SAS", 3), ("SARL", 2)),
        brands=("Alsace", "Rhône", "Vosges"),
    ),
    "NL": CountryData(
        weight=1, language="nl", words="en", phone_prefix="+31",
        regions=(("Noord-Brabant", ("Eindhoven", "Tilburg"), False), ("Zuid-Holland", ("Rotterdam", "Delft"), False),
                 ("Gelderland", ("Arnhem", "Nijmegen"), False)),
        male_first=("Daan", "Bram", "Joost", "Sander"),
        female_first=("Sanne", "Lotte", "Eva", "Anouk"),
        surnames=_same("de Jong", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser"),
        legal_forms=(("B.V.", 1),),
        brands=("Maas", "Delta", "Brabant"),
    ),
    "ES": CountryData(
        weight=1, language="es", words="en", phone_prefix="+34",
        regions=(("Cataluña", ("Barcelona", "Girona"), False), ("País Vasco", ("Bilbao", "Vitoria-Gasteiz"), False),
                 ("Comunidad Valenciana", ("Valencia", "Alicante"), False)),
        male_first=("Javier", "Carlos", "Pablo", "Sergio"),
        female_first=("Lucía", "María", "Laura", "Carmen"),
        surnames=_same("García", "Fernández", "López", "Martínez", "Sánchez", "Romero"),
        legal_forms=(("S.L.", 3), ("S.A.", 1)),
        brands=("Ibérica", "Levante", "Cantábrica"),
    ),
    "RS": CountryData(
        weight=1, language="sr", words="en", phone_prefix="+381",
        regions=(("Beograd", ("Beograd",), False), ("Južnobačka oblast", ("Novi Sad",), False),
                 ("Nišavska oblast", ("Niš",), False)),
        male_first=("Nikola", "Milan", "Stefan", "Marko"),
        female_first=("Jelena", "Milica", "Ana", "Jovana"),
        surnames=_same("Jovanović", "Petrović", "Nikolić", "Marković", "Đorđević", "Stojanović"),
        legal_forms=(("d.o.o.", 1),),
        brands=("Sava", "Morava", "Vojvodina"),
    ),
    "RO": CountryData(
        weight=1, language="ro", words="en", phone_prefix="+40",
        regions=(("Cluj", ("Cluj-Napoca", "Turda"), False), ("Timiș", ("Timișoara", "Lugoj"), False),
                 ("Brașov", ("Brașov",), False)),
        male_first=("Andrei", "Mihai", "Alexandru", "Bogdan"),
        female_first=("Ioana", "Elena", "Andreea", "Maria"),
        surnames=_same("Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Constantin"),
        legal_forms=(("S.R.L.", 1),),
        brands=("Carpați", "Transilvania", "Banat"),
    ),
    "UA": CountryData(
        weight=1, language="uk", words="en", phone_prefix="+380",
        regions=(("Lvivska oblast", ("Lviv",), False), ("Zakarpatska oblast", ("Uzhhorod", "Mukachevo"), False),
                 ("Kyiv", ("Kyiv",), False)),
        male_first=("Oleksandr", "Andrii", "Dmytro", "Serhii"),
        female_first=("Olena", "Iryna", "Natalia", "Oksana"),
        surnames=_same("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Boiko"),
        legal_forms=(("LLC", 1),),
        brands=("Karpaty", "Dnipro", "Polissia"),
    ),
}

# Prefixes and endings of invented brand names ("Novatek", "Eurotrans"), shared by all countries.
BRAND_PREFIXES = ("Nova", "Euro", "Inter", "Proxi", "Opti", "Terra", "Astra", "Delta", "Flexi", "Centro", "Agro",
                  "Metal", "Elektro", "Termo", "Hydro", "Vita", "Alfa", "Omni", "Servo", "Kombi")
BRAND_SUFFIXES = ("tek", "mont", "tec", "plan", "lab", "line", "form", "trans", "med", "prim", "sys", "log",
                  "pro", "max", "net", "con")

JOB_TITLES = ("Managing director", "Sales manager", "Export manager", "Head of production",
              "Business development manager", "Owner", "Project manager", "Technical director")
