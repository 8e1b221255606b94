"""Demo data: cluster organisations hosted in the CLUSTERS-CORD partner regions."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterSeed:
    name: str
    country: str
    region: str
    sectors: tuple[str, ...]
    website: str
    description: str


# One or two clusters per partner region; the first one is the lead partner's.
CLUSTERS: tuple[ClusterSeed, ...] = (
    ClusterSeed(
        "Ústí Energy & Environment Cluster", "CZ", "Ústecký kraj", ("energy-environment",),
        "https://energy-cluster.example.eu",
        "Brings together energy producers, environmental engineering firms and the university in Ústí nad Labem "
        "to turn a former coal region into a centre of clean energy. Members work on heat pumps, hydrogen, "
        "brownfield remediation and the recycling of industrial waste."),
    ClusterSeed(
        "Moravian-Silesian Wood Cluster", "CZ", "Moravskoslezský kraj", ("wood",),
        "https://wood-cluster.example.eu",
        "A network of sawmills, joinery workshops, furniture makers and timber house builders in the Beskydy "
        "region. The cluster organises joint trade fair stands, training for young carpenters and research on "
        "timber constructions with the technical university in Ostrava."),
    ClusterSeed(
        "Legnica Copper & Logistics Cluster", "PL", "Województwo dolnośląskie", ("logistics", "production"),
        "https://copper-logistics.example.eu",
        "Connects the suppliers of the Lower Silesian copper basin with transport and warehousing companies "
        "along the A4 motorway. Its members share logistics platforms, develop rail connections and build "
        "supply chains for metal processing."),
    ClusterSeed(
        "Beskidy Aviation Cluster", "PL", "Województwo śląskie", ("automotive-aerospace", "production"),
        "https://aviation-cluster.example.eu",
        "Gathers glider and light aircraft makers, composite specialists and precision engineering firms around "
        "Bielsko-Biała, with a long tradition in aviation. The cluster supports certification, joint "
        "purchasing and training of aerospace technicians."),
    ClusterSeed(
        "Celje Wood Cluster", "SI", "Savinjska", ("wood",),
        "https://celje-wood.example.eu",
        "Slovenian forest owners, sawmills and furniture manufacturers in the Savinja region working together on "
        "wood-based construction, design furniture and the use of local beech and spruce. The cluster runs a "
        "showroom and a common export office."),
    ClusterSeed(
        "Trnava Automotive Cluster", "SK", "Trnavský kraj", ("automotive-aerospace", "production"),
        "https://trnava-automotive.example.eu",
        "Suppliers of the car plants in western Slovakia: machining, plastics, electronics and logistics "
        "companies that want to move up the value chain. The cluster offers supplier development, audits and "
        "joint training with the technical faculty in Trnava."),
    ClusterSeed(
        "Piešťany Spa & Health Tourism Cluster", "SK", "Trnavský kraj", ("tourism", "health"),
        "https://spa-tourism.example.eu",
        "Spa houses, hotels, travel agencies and rehabilitation clinics around the spa town of Piešťany. Members "
        "develop joint packages for health tourism, train staff and market the region to guests from Germany, "
        "Austria and the Czech Republic."),
    ClusterSeed(
        "Stuttgart Region ICT Cluster", "DE", "Baden-Württemberg", ("ict", "professional-services"),
        "https://ict-stuttgart.example.eu",
        "Software houses, IT service providers and engineering consultancies of the Stuttgart region that "
        "digitise the manufacturing and automotive industry. The cluster runs working groups on industrial IoT, "
        "cyber security and artificial intelligence for SMEs."),
    ClusterSeed(
        "Pannon Food Cluster", "HU", "Közép-Dunántúl", ("food",),
        "https://pannon-food.example.eu",
        "Food producers, wineries and packaging suppliers of Central Transdanubia, from Lake Balaton to the "
        "Bakony hills. The cluster helps its members with quality certification, common branding of regional "
        "products and access to retail chains abroad."),
    ClusterSeed(
        "Upper Austria Wood & Furniture Cluster", "AT", "Oberösterreich", ("wood",),
        "https://furniture-cluster.example.eu",
        "Furniture makers, timber construction firms and suppliers of fittings in Upper Austria. The cluster "
        "connects them with designers and research institutes and organises cooperation projects with wood "
        "clusters in the neighbouring countries."),
    ClusterSeed(
        "Milan Health Tech Cluster", "IT", "Lombardia", ("health", "ict"),
        "https://health-tech-milan.example.eu",
        "Medical device makers, digital health start-ups, hospitals and research centres of the Milan "
        "metropolitan area. The cluster supports clinical validation, regulatory compliance and the entry of "
        "its members into Central European markets."),
    ClusterSeed(
        "Central Transdanubian Mechatronics Cluster", "HU", "Közép-Dunántúl", ("production", "automotive-aerospace"),
        "https://mechatronics.example.eu",
        "Machine builders, automation integrators and vocational schools around Székesfehérvár and Veszprém. "
        "The cluster trains mechatronics technicians, shares testing equipment and prepares joint offers "
        "for large manufacturers."),
)

# For more clusters than the list above: "<place> <sector> Cluster" in the partner regions.
EXTRA_PLACES: tuple[tuple[str, str, str], ...] = (  # (place in English, country, region)
    ("South Moravian", "CZ", "Jihomoravský kraj"),
    ("Pilsen", "CZ", "Plzeňský kraj"),
    ("Liberec", "CZ", "Liberecký kraj"),
    ("Lower Silesian", "PL", "Województwo dolnośląskie"),
    ("Cracow", "PL", "Województwo małopolskie"),
    ("Pomeranian", "PL", "Województwo pomorskie"),
    ("Žilina", "SK", "Žilinský kraj"),
    ("Košice", "SK", "Košický kraj"),
    ("Savinja", "SI", "Savinjska"),
    ("Maribor", "SI", "Podravska"),
    ("Swabian", "DE", "Baden-Württemberg"),
    ("Saxon", "DE", "Sachsen"),
    ("Győr", "HU", "Nyugat-Dunántúl"),
    ("Veszprém", "HU", "Közép-Dunántúl"),
    ("Linz", "AT", "Oberösterreich"),
    ("Styrian", "AT", "Steiermark"),
    ("Lombardy", "IT", "Lombardia"),
    ("Venetian", "IT", "Veneto"),
)

EXTRA_SECTOR_NOUNS: dict[str, str] = {
    "logistics": "Logistics",
    "health": "Health",
    "professional-services": "Business Services",
    "energy-environment": "Cleantech",
    "ict": "ICT",
    "production": "Mechatronics",
    "automotive-aerospace": "Mobility",
    "wood": "Wood",
    "tourism": "Tourism",
    "food": "Food",
}

EXTRA_DESCRIPTION = (
    "A regional network of {noun_lower} companies, research institutes and schools in {region}. "
    "The cluster organises joint trade fair stands, training and cooperation projects with partner "
    "clusters abroad."
)
