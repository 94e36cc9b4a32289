"""Names for the demo city: districts, mahallas, streets, people, organisations.

Everything here is invented except the twelve districts of Tashkent and the names of historic
persons the streets are named after. Lists are fixed tuples so that a seed always picks the same
name; never reorder them (that would change every generated city).
"""

# ruff: noqa: RUF001 - Cyrillic letters in the Russian names and the transliteration are meant.

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class District:
    """One of Tashkent's twelve districts, where it lies and roughly how big it is."""

    name_uz: str
    name_ru: str
    name_en: str
    lat: float
    lon: float
    area_km2: float


# Alphabetical by Uzbek name; the position (1-based) is the district group of cadastral numbers.
DISTRICTS: tuple[District, ...] = (
    District("Bektemir", "Бектемир", "Bektemir", 41.215, 69.335, 20.5),
    District("Chilonzor", "Чиланзар", "Chilanzar", 41.277, 69.205, 30.0),
    District("Mirobod", "Мирабад", "Mirabad", 41.290, 69.285, 17.1),
    District("Mirzo Ulug'bek", "Мирзо-Улугбек", "Mirzo Ulugbek", 41.338, 69.335, 32.0),
    District("Olmazor", "Алмазар", "Almazar", 41.352, 69.215, 34.0),
    District("Sergeli", "Сергели", "Sergeli", 41.225, 69.258, 38.0),
    District("Shayxontohur", "Шайхантахур", "Shaykhantakhur", 41.326, 69.240, 27.0),
    District("Uchtepa", "Учтепа", "Uchtepa", 41.298, 69.165, 28.2),
    District("Yakkasaroy", "Яккасарай", "Yakkasaray", 41.283, 69.252, 13.0),
    District("Yashnobod", "Яшнабад", "Yashnabad", 41.295, 69.345, 34.0),
    District("Yunusobod", "Юнусабад", "Yunusabad", 41.370, 69.290, 41.0),
    District("Yangihayot", "Янгихаёт", "Yangihayot", 41.212, 69.195, 34.0),
)

CITY_NAME = ("Toshkent", "Ташкент", "Tashkent")
CITY_LAT = 41.31
CITY_LON = 69.28

MALE_FIRST_NAMES: tuple[str, ...] = (
    "Abdulla", "Akmal", "Alisher", "Anvar", "Aziz", "Bahodir", "Baxtiyor", "Bekzod", "Bobur",
    "Botir", "Davron", "Dilshod", "Doniyor", "Elbek", "Erkin", "Farhod", "Farrux", "G'ayrat",
    "Hamid", "Husan", "Ibrohim", "Ilhom", "Islom", "Jahongir", "Jamshid", "Javlon", "Kamol",
    "Karim", "Komil", "Laziz", "Lutfullo", "Mahmud", "Mansur", "Mirjalol", "Muhammad", "Murod",
    "Nizom", "Nodir", "Nurali", "Odil", "Orif", "Otabek", "Oybek", "Po'lat", "Qahramon", "Qodir",
    "Rahim", "Ravshan", "Rustam", "Sanjar", "Sardor", "Sarvar", "Shavkat", "Sherzod", "Shohruh",
    "Sobir", "Temur", "To'lqin", "Ulug'bek", "Umid", "Valijon", "Xurshid", "Yusuf", "Zafar",
    "Zokir",
)  # fmt: skip

FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Aziza", "Barno", "Dilafruz", "Dilbar", "Dildora", "Dilnoza", "Feruza", "Gavhar", "Gulchehra",
    "Gulnora", "Gulshan", "Hilola", "Iroda", "Kamola", "Komila", "Laylo", "Lola", "Madina",
    "Mahliyo", "Malika", "Mavluda", "Mohira", "Munisa", "Muqaddas", "Nargiza", "Nasiba", "Nigora",
    "Nilufar", "Nodira", "Nozima", "Oysha", "Ozoda", "Rayhon", "Robiya", "Sabina", "Saida",
    "Sevara", "Shahnoza", "Shahzoda", "Shoira", "Umida", "Xurshida", "Yulduz", "Zarina", "Zilola",
    "Zuhra",
)  # fmt: skip

# Masculine forms; the feminine form adds "a" (Karimov -> Karimova, Aliyev -> Aliyeva).
SURNAMES: tuple[str, ...] = (
    "Abdullayev", "Ahmedov", "Aliyev", "Boboyev", "Eshonqulov", "Ergashev", "Fayzullayev",
    "G'aniyev", "Hamroyev", "Hasanov", "Haydarov", "Husanov", "Islomov", "Ismoilov", "Jalilov",
    "Jo'rayev", "Karimov", "Komilov", "Latipov", "Mahmudov", "Mamatov", "Mirzayev", "Murodov",
    "Musayev", "Nazarov", "Nematov", "Normatov", "Nurmatov", "Olimov", "Oripov", "Otajonov",
    "Po'latov", "Qodirov", "Qosimov", "Qurbonov", "Rahimov", "Rashidov", "Ro'ziyev", "Rustamov",
    "Saidov", "Salimov", "Sharipov", "Shodiyev", "Sobirov", "Sultonov", "To'xtayev", "Toshmatov",
    "Tursunov", "Umarov", "Usmonov", "Valiyev", "Xolmatov", "Xoliqov", "Xudoyberdiyev",
    "Yo'ldoshev", "Yoqubov", "Yusupov", "Ziyayev", "Zokirov",
)  # fmt: skip

SON_OF = "o'g'li"
DAUGHTER_OF = "qizi"

MAHALLA_CLASSICS: tuple[str, ...] = (
    "Beshyog'och", "Qo'shbegi", "Chorsu", "Ko'kcha", "Sebzor", "Labzak", "Qoratosh", "Darxon",
    "Bodomzor", "Qatortol", "Oqtepa", "Qoraqamish", "Olmachi", "Tinchlik", "Navbahor", "Do'stlik",
    "Istiqlol", "Navro'z", "Bog'ishamol", "Shodlik", "Zarqaynar", "Takachi", "Kamolon", "Ipakchi",
    "Zargarlik", "Qorasaroy", "Chig'atoy", "Ko'kterak", "Qumariq", "Yangiobod", "Sag'bon",
    "Mingo'rik", "Yakkatut", "Ohangaron", "Qiyot", "Xadra", "Parkent", "Salor", "Bo'zsuv",
    "Ko'kaldosh", "Guliston", "Nurafshon", "Mehrjon", "Oydin", "Gulbahor", "Ulug'bek", "Yalang'och",
)  # fmt: skip

MAHALLA_PREFIXES: tuple[str, ...] = (
    "Oq", "Qora", "Ko'k", "Yangi", "Eski", "Bodom", "Chinor", "Gul", "Olma", "Bog'", "Nur",
    "Tong", "Yulduz", "Mehr", "Do'st", "Bahor", "Sarv", "Tol", "Anor", "Uzum", "Lola", "Zar",
    "Ipak", "Shod", "Obi", "Sharq", "Quyosh", "Oltin", "Kumush", "Yashil",
)  # fmt: skip

MAHALLA_SUFFIXES: tuple[str, ...] = (
    "tepa", "zor", "obod", "bog'", "ariq", "ko'l", "qo'rg'on", "ota", "guzar", "soy", "yo'l",
    "saroy", "bo'ston", "chashma", "ravon", "diyor", "sohil", "qishloq", "ko'prik", "darvoza",
)  # fmt: skip

AVENUE_NAMES: tuple[str, ...] = (
    "Amir Temur", "Mustaqillik", "Bunyodkor", "Alisher Navoiy", "Shota Rustaveli",
    "Zahiriddin Muhammad Bobur", "Abu Rayhon Beruniy", "Abu Nasr Farobiy", "Yunus Rajabiy",
    "Mirzo Ulug'bek", "Buyuk Ipak Yo'li", "Sharof Rashidov", "Nurafshon", "Chilonzor",
    "Muqimiy", "Furqat", "Yangi Sergeli", "Qatortol", "Bog'ishamol", "Olmazor", "Sebzor",
    "Kichik Halqa", "Farg'ona yo'li", "Qo'yliq", "Taras Shevchenko", "Abdulla Qodiriy",
    "Ahmad Donish", "Yusuf Xos Hojib", "Mahtumquli", "Bobur Mirzo",
)  # fmt: skip

STREET_NAMES: tuple[str, ...] = (
    "Cho'lpon", "Fitrat", "Mashrab", "Nodira", "Uvaysiy", "Zavqiy", "Ogahiy", "Xorazmiy",
    "Farg'oniy", "Ibn Sino", "Hamza", "Oybek", "G'afur G'ulom", "Abdulla Avloniy", "Munavvar Qori",
    "Behbudiy", "Lutfiy", "Atoiy", "Sakkokiy", "Gulxaniy", "Nishoti", "Amiriy", "Xiva", "Buxoro",
    "Samarqand", "Qo'qon", "Namangan", "Andijon", "Termiz", "Nukus", "Chinor", "Lola", "Gulzor",
    "Bog'bon", "Tinchlik", "Do'stlik", "Navro'z", "Yangi hayot", "Bahor", "Bodomzor", "Olmazor",
    "Chorbog'", "Sayram", "Qorasuv", "Bo'zsuv", "Anhor", "Kamolon", "Beshyog'och", "Ipakchi",
    "Kosonsoy", "Chimyon", "Zarafshon", "Oqsaroy", "Mehrigiyo", "Nurobod", "Gulshan", "Sharq",
    "Quyosh", "Yulduz", "Istiqbol", "Mehnat", "Ma'rifat", "Hunarmand", "Zargar", "Kulol",
    "Bunyodkor", "Sog'lom", "Obod", "Shodlik", "Orzu", "Umid", "Ilhom", "Ijod", "Bilim", "Kamalak",
    "Tong", "Shafaq", "Chashma", "Sohil", "Ko'prik", "Ravon", "Bo'ston", "Gulbog'", "Uzumzor",
    "Anorzor", "Olcha", "Yong'oq", "Terak", "Qayrag'och", "Tolzor", "Sarv", "Archa", "Xumo",
    "Lochin", "Burgut", "Qaldirg'och", "Bulbul", "Oq oltin", "Paxtakor", "Ipak", "Atlas", "Adras",
    "Zilol", "Mirvoid", "Durdona", "Feruza", "Zumrad", "Marjon", "Yoqut", "Olmos", "Gavhar",
)  # fmt: skip

COMPANY_WORDS: tuple[str, ...] = (
    "Baraka", "Nur", "Oltin Vodiy", "Sharq", "Tashkent City", "Mehr", "Zamon", "Ravnaq", "Barqaror",
    "Yangi Avlod", "Orzu", "Istiqbol", "Bunyod", "Sahro", "Samo", "Mega", "Afrosiyob", "Turon",
    "Ipak Yo'li", "Bek", "Diyor", "Navbahor", "Omad", "Zafar", "Shahriyor", "Grand", "Premium",
)  # fmt: skip

COMPANY_TRADES: tuple[str, ...] = (
    "Savdo", "Qurilish", "Servis", "Invest", "Trans", "Plast", "Tekstil", "Oziq-ovqat", "Mebel",
    "Farm", "Avto", "Logistika", "Sanoat", "Group", "Market", "Print", "Agro", "Energo",
)  # fmt: skip

# Invented banks; none of these names belongs to a real bank.
BANKS: tuple[str, ...] = (
    "Sharq Milliy banki ATB",
    "Navro'z Ipoteka banki ATB",
    "Oqsaroy Tijorat banki ATB",
    "Chorsu Savdo banki ATB",
    "Yangi Asr Investitsiya banki ATB",
    "Samarqand Darvoza banki ATB",
)

CITY_BODIES: tuple[str, ...] = (
    "Toshkent shahar hokimligi",
    "Toshkent shahar Maktabgacha va maktab ta'limi bosh boshqarmasi",
    "Toshkent shahar Sog'liqni saqlash bosh boshqarmasi",
    "Toshkent shahar Obodonlashtirish bosh boshqarmasi",
)
CITY_KHOKIMIYAT, EDUCATION_BODY, HEALTH_BODY, LANDSCAPING_BODY = range(4)

UTILITY_OPERATORS: dict[str, str] = {
    "water": "Toshkent shahar suv ta'minoti korxonasi",
    "sewer": "Toshkent shahar oqova suvlar korxonasi",
    "gas": "Toshkent shahar gaz ta'minoti filiali",
    "power": "Toshkent shahar elektr tarmoqlari korxonasi",
    "heating": "Toshkent shahar issiqlik ta'minoti korxonasi",
    "road": "Toshkent shahar yo'l xo'jaligi bosh boshqarmasi",
}

KADASTR_AGENCY = "Toshkent shahar kadastr boshqarmasi"


def district_khokimiyat(district: District) -> str:
    return f"{district.name_uz} tumani hokimligi"


def district_khokim(district: District) -> str:
    return f"{district.name_uz} tumani hokimi"


def district_court(district: District) -> str:
    return f"{district.name_uz} tumanlararo fuqarolik ishlari sudi"


def district_bailiffs(district: District) -> str:
    return f"Majburiy ijro byurosi {district.name_uz} tumani bo'limi"


def district_notary(district: District) -> str:
    return f"{district.name_uz} tumani davlat notarial idorasi"


# Uzbek Latin to the Cyrillic spelling Russian texts use (no ў, қ, ғ, ҳ).
_TO_CYRILLIC = (
    ("o'", "у"), ("g'", "г"), ("sh", "ш"), ("ch", "ч"), ("yo", "ё"), ("yu", "ю"), ("ya", "я"),
    ("ye", "е"), ("ts", "ц"), ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("f", "ф"),
    ("g", "г"), ("h", "х"), ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("v", "в"), ("x", "х"), ("y", "й"), ("z", "з"), ("'", "ъ"),
)  # fmt: skip


def to_cyrillic(text: str) -> str:
    """Transliterate an Uzbek Latin name into Russian-style Cyrillic (Bodomzor -> Бодомзор)."""
    out: list[str] = []
    i = 0
    lower = text.lower()
    while i < len(text):
        for latin, cyrillic in _TO_CYRILLIC:
            if lower.startswith(latin, i):
                if latin == "e" and (i == 0 or not lower[i - 1].isalpha()):
                    cyrillic = "э"
                out.append(cyrillic.capitalize() if text[i].isupper() else cyrillic)
                i += len(latin)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def mahalla_names(count: int, rng: np.random.Generator) -> list[str]:
    """`count` distinct mahalla names; numbered variants (Oqtepa-2) once the pool runs out."""
    pool = list(MAHALLA_CLASSICS)
    classics = set(pool)
    for prefix in MAHALLA_PREFIXES:
        for suffix in MAHALLA_SUFFIXES:
            name = prefix + suffix
            if name not in classics:
                pool.append(name)
    order = rng.permutation(len(pool))
    names = [pool[i] for i in order]
    result = names[:count]
    round_number = 2
    while len(result) < count:
        result.extend(f"{name}-{round_number}" for name in names[: count - len(result)])
        round_number += 1
    return result


def street_names(count: int, *, is_avenue: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Distinct names for `count` straight streets; avenues are "shoh ko'chasi"."""
    avenues = [AVENUE_NAMES[i] for i in rng.permutation(len(AVENUE_NAMES))]
    streets = [STREET_NAMES[i] for i in rng.permutation(len(STREET_NAMES))]
    names: list[str] = []
    used: set[str] = set()
    avenue_at = 0
    street_at = 0
    for avenue in is_avenue.tolist():
        if avenue and avenue_at < len(avenues):
            name = f"{avenues[avenue_at]} shoh ko'chasi"
            avenue_at += 1
        else:
            base = streets[street_at % len(streets)]
            lap = street_at // len(streets)
            street_at += 1
            if avenue:
                name = f"{base} shoh ko'chasi" if lap == 0 else f"{lap + 1}-{base} shoh ko'chasi"
            else:
                name = f"{base} ko'chasi" if lap == 0 else f"{lap}-tor {base} ko'chasi"
        while name in used:
            name = f"Yangi {name}"
        used.add(name)
        names.append(name)
    if len(names) != count:
        raise ValueError("Street name count mismatch.")
    return names


def company_names(count: int, rng: np.random.Generator) -> list[str]:
    """`count` distinct limited-company names (MChJ)."""
    pool = [f"{word} {trade}" for word in COMPANY_WORDS for trade in COMPANY_TRADES]
    order = rng.permutation(len(pool))
    result: list[str] = []
    lap = 0
    while len(result) < count:
        for i in order[: count - len(result)]:
            base = pool[i]
            result.append(f"{base} MChJ" if lap == 0 else f"{base} {lap + 1} MChJ")
        lap += 1
    return result


def pinfl_check_digit(digits: np.ndarray) -> np.ndarray:
    """Check digit of 13-digit PINFL prefixes (rows of `digits`): weights 7, 3, 1, repeated."""
    weights = np.resize(np.array([7, 3, 1], dtype=np.int64), digits.shape[1])
    return (digits.astype(np.int64) * weights).sum(axis=1) % 10
