"""What demo companies write to each other, in the eight languages of the platform.

A conversation uses a language both companies speak (see conversations.py). `openings` are the
expressions of interest, `accepts` and `declines` the notes on an answer, `thread` the messages that
follow an acceptance: the sender first, then the two sides in turn, from first questions to a meeting.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    openings: tuple[str, ...]
    accepts: tuple[str, ...]
    declines: tuple[str, ...]
    thread: tuple[str, ...]


SCRIPTS: dict[str, Script] = {
    "en": Script(
        openings=(
            "Hello, your listing fits our plans well. We are looking for a reliable partner abroad and would "
            "like to discuss cooperation.",
            "Good day, we read your listing with interest. We have fifteen years of experience in this field; "
            "could we talk about a first order?",
            "Hello, we would like to know more about your offer: volumes, prices and delivery times. We could "
            "start within a few weeks.",
        ),
        accepts=("Thank you for your interest, we are glad to talk.",
                 "Thanks for getting in touch. Let us discuss the details."),
        declines=("Thank you, but we have already found a partner for this.",
                  "Unfortunately this does not fit our capacity at the moment."),
        thread=(
            "Thank you for accepting! Could you send us your price list and delivery terms?",
            "Of course, I will send the price list by e-mail today. What volumes do you expect per year?",
            "About twenty truckloads in the first year, more if the pilot goes well. Could we meet at the trade "
            "fair next month?",
            "Yes, we will be at our stand on Tuesday and Wednesday. Shall we say Tuesday at 11:00?",
            "Tuesday at 11:00 works for us. Our technical director will come too.",
            "Great, see you there. I will prepare a draft agreement for a trial delivery.",
        ),
    ),
    "de": Script(
        openings=(
            "Guten Tag, Ihr Inserat passt gut zu unseren Plänen. Wir suchen einen zuverlässigen Partner im "
            "Ausland und würden gern über eine Zusammenarbeit sprechen.",
            "Sehr geehrte Damen und Herren, wir haben Ihr Inserat mit Interesse gelesen. Wir haben fünfzehn "
            "Jahre Erfahrung in diesem Bereich; können wir über einen ersten Auftrag sprechen?",
            "Guten Tag, wir möchten mehr über Ihr Angebot erfahren: Mengen, Preise und Lieferzeiten. Wir könnten "
            "in wenigen Wochen beginnen.",
        ),
        accepts=("Vielen Dank für Ihr Interesse, wir sprechen gern mit Ihnen.",
                 "Danke für Ihre Nachricht. Besprechen wir die Einzelheiten."),
        declines=("Vielen Dank, aber wir haben dafür bereits einen Partner gefunden.",
                  "Leider passt das derzeit nicht zu unseren Kapazitäten."),
        thread=(
            "Danke für die Annahme! Könnten Sie uns Ihre Preisliste und Lieferbedingungen schicken?",
            "Selbstverständlich, ich schicke Ihnen die Preisliste heute per E-Mail. Mit welchen Mengen rechnen "
            "Sie pro Jahr?",
            "Im ersten Jahr mit etwa zwanzig Lkw-Ladungen, mehr, wenn der Pilot gut läuft. Können wir uns "
            "nächsten Monat auf der Messe treffen?",
            "Ja, wir sind am Dienstag und Mittwoch an unserem Stand. Passt Ihnen Dienstag um 11:00 Uhr?",
            "Dienstag um 11:00 Uhr passt uns. Unser technischer Leiter kommt auch mit.",
            "Sehr gut, bis dann. Ich bereite einen Vertragsentwurf für eine Probelieferung vor.",
        ),
    ),
    "cs": Script(
        openings=(
            "Dobrý den, váš inzerát dobře zapadá do našich plánů. Hledáme spolehlivého partnera v zahraničí "
            "a rádi bychom probrali spolupráci.",
            "Dobrý den, se zájmem jsme si přečetli váš inzerát. V tomto oboru máme patnáct let zkušeností; mohli "
            "bychom se pobavit o první zakázce?",
            "Dobrý den, rádi bychom se dozvěděli více o vaší nabídce: objemy, ceny a dodací lhůty. Začít bychom "
            "mohli během několika týdnů.",
        ),
        accepts=("Děkujeme za váš zájem, rádi se s vámi spojíme.",
                 "Díky za zprávu. Pojďme probrat podrobnosti."),
        declines=("Děkujeme, ale partnera pro tuto zakázku už jsme našli.",
                  "Bohužel to v tuto chvíli neodpovídá našim kapacitám."),
        thread=(
            "Děkujeme za přijetí! Mohli byste nám poslat ceník a dodací podmínky?",
            "Samozřejmě, ceník vám dnes pošlu e-mailem. S jakými objemy ročně počítáte?",
            "V prvním roce zhruba s dvaceti kamiony, víc, pokud se pilotní dodávka osvědčí. Mohli bychom se "
            "setkat příští měsíc na veletrhu?",
            "Ano, budeme na stánku v úterý a ve středu. Vyhovovalo by vám úterý v 11:00?",
            "Úterý v 11:00 nám vyhovuje. Přijde i náš technický ředitel.",
            "Výborně, tak na viděnou. Připravím návrh smlouvy na zkušební dodávku.",
        ),
    ),
    "sk": Script(
        openings=(
            "Dobrý deň, váš inzerát dobre zapadá do našich plánov. Hľadáme spoľahlivého partnera v zahraničí "
            "a radi by sme prebrali spoluprácu.",
            "Dobrý deň, so záujmom sme si prečítali váš inzerát. V tomto odbore máme pätnásť rokov skúseností; "
            "mohli by sme sa porozprávať o prvej zákazke?",
            "Dobrý deň, radi by sme sa dozvedeli viac o vašej ponuke: objemy, ceny a dodacie lehoty. Začať by "
            "sme mohli v priebehu niekoľkých týždňov.",
        ),
        accepts=("Ďakujeme za váš záujem, radi sa s vami spojíme.",
                 "Vďaka za správu. Poďme prebrať podrobnosti."),
        declines=("Ďakujeme, ale partnera pre túto zákazku sme už našli.",
                  "Žiaľ, momentálne to nezodpovedá našim kapacitám."),
        thread=(
            "Ďakujeme za prijatie! Mohli by ste nám poslať cenník a dodacie podmienky?",
            "Samozrejme, cenník vám dnes pošlem e-mailom. S akými objemami ročne počítate?",
            "V prvom roku približne s dvadsiatimi kamiónmi, viac, ak sa pilotná dodávka osvedčí. Mohli by sme "
            "sa stretnúť budúci mesiac na veľtrhu?",
            "Áno, budeme na stánku v utorok a v stredu. Vyhovoval by vám utorok o 11:00?",
            "Utorok o 11:00 nám vyhovuje. Príde aj náš technický riaditeľ.",
            "Výborne, tak dovidenia. Pripravím návrh zmluvy na skúšobnú dodávku.",
        ),
    ),
    "pl": Script(
        openings=(
            "Dzień dobry, Państwa ogłoszenie dobrze pasuje do naszych planów. Szukamy rzetelnego partnera za "
            "granicą i chętnie porozmawiamy o współpracy.",
            "Dzień dobry, z zainteresowaniem przeczytaliśmy Państwa ogłoszenie. Mamy piętnaście lat "
            "doświadczenia w tej branży; czy możemy porozmawiać o pierwszym zamówieniu?",
            "Dzień dobry, chcielibyśmy dowiedzieć się więcej o Państwa ofercie: ilości, ceny i terminy dostaw. "
            "Moglibyśmy zacząć w ciągu kilku tygodni.",
        ),
        accepts=("Dziękujemy za zainteresowanie, chętnie porozmawiamy.",
                 "Dziękujemy za wiadomość. Omówmy szczegóły."),
        declines=("Dziękujemy, ale znaleźliśmy już partnera do tego projektu.",
                  "Niestety obecnie nie pozwalają nam na to moce produkcyjne."),
        thread=(
            "Dziękujemy za akceptację! Czy mogą nam Państwo przesłać cennik i warunki dostawy?",
            "Oczywiście, wyślę cennik e-mailem jeszcze dziś. Jakich ilości rocznie się Państwo spodziewają?",
            "W pierwszym roku około dwudziestu ciężarówek, więcej, jeśli pilotaż się powiedzie. Czy możemy "
            "spotkać się w przyszłym miesiącu na targach?",
            "Tak, będziemy na naszym stoisku we wtorek i w środę. Czy pasuje Państwu wtorek o 11:00?",
            "Wtorek o 11:00 nam odpowiada. Przyjedzie też nasz dyrektor techniczny.",
            "Świetnie, do zobaczenia. Przygotuję projekt umowy na dostawę próbną.",
        ),
    ),
    "hu": Script(
        openings=(
            "Jó napot kívánok! Hirdetésük jól illeszkedik a terveinkbe. Megbízható külföldi partnert keresünk, "
            "és szívesen beszélnénk az együttműködésről.",
            "Tisztelt Hölgyem/Uram! Érdeklődéssel olvastuk a hirdetésüket. Tizenöt éves tapasztalatunk van ezen "
            "a területen; beszélhetnénk egy első megrendelésről?",
            "Jó napot kívánok! Szeretnénk többet megtudni az ajánlatukról: mennyiségek, árak és szállítási "
            "határidők. Néhány héten belül kezdhetnénk.",
        ),
        accepts=("Köszönjük az érdeklődést, szívesen beszélünk Önökkel.",
                 "Köszönjük a megkeresést. Beszéljük meg a részleteket."),
        declines=("Köszönjük, de erre már találtunk partnert.",
                  "Sajnos ez jelenleg nem fér bele a kapacitásunkba."),
        thread=(
            "Köszönjük, hogy elfogadták! Elküldenék az árlistájukat és a szállítási feltételeket?",
            "Természetesen, még ma elküldöm e-mailben az árlistát. Évente milyen mennyiségekre számítanak?",
            "Az első évben nagyjából húsz kamionnyira, többre, ha a próbaszállítás jól sikerül. Találkozhatnánk "
            "a jövő hónapban a vásáron?",
            "Igen, kedden és szerdán a standunkon leszünk. Megfelel a kedd 11:00?",
            "A kedd 11:00 megfelel. A műszaki igazgatónk is jön.",
            "Nagyszerű, akkor ott találkozunk. Elkészítem a próbaszállítási szerződés tervezetét.",
        ),
    ),
    "it": Script(
        openings=(
            "Buongiorno, il vostro annuncio si adatta bene ai nostri piani. Cerchiamo un partner affidabile "
            "all'estero e vorremmo parlare di una collaborazione.",
            "Buongiorno, abbiamo letto con interesse il vostro annuncio. Abbiamo quindici anni di esperienza in "
            "questo settore; possiamo parlare di un primo ordine?",
            "Buongiorno, vorremmo sapere di più sulla vostra offerta: quantità, prezzi e tempi di consegna. "
            "Potremmo iniziare entro poche settimane.",
        ),
        accepts=("Grazie per l'interesse, saremo lieti di parlarne.",
                 "Grazie per averci contattato. Discutiamo i dettagli."),
        declines=("Grazie, ma abbiamo già trovato un partner per questo.",
                  "Purtroppo al momento non rientra nelle nostre capacità."),
        thread=(
            "Grazie per aver accettato! Potreste inviarci il listino prezzi e le condizioni di consegna?",
            "Certo, vi mando il listino per e-mail oggi stesso. Quali quantità prevedete all'anno?",
            "Circa venti camion nel primo anno, di più se il progetto pilota va bene. Possiamo incontrarci alla "
            "fiera il mese prossimo?",
            "Sì, saremo al nostro stand martedì e mercoledì. Va bene martedì alle 11:00?",
            "Martedì alle 11:00 va bene. Verrà anche il nostro direttore tecnico.",
            "Ottimo, a presto. Preparo una bozza di accordo per una fornitura di prova.",
        ),
    ),
    "sl": Script(
        openings=(
            "Pozdravljeni, vaš oglas se dobro ujema z našimi načrti. Iščemo zanesljivega partnerja v tujini in "
            "bi se radi pogovorili o sodelovanju.",
            "Spoštovani, z zanimanjem smo prebrali vaš oglas. Na tem področju imamo petnajst let izkušenj; bi se "
            "lahko pogovorili o prvem naročilu?",
            "Pozdravljeni, radi bi izvedeli več o vaši ponudbi: količine, cene in dobavni roki. Začeli bi lahko "
            "v nekaj tednih.",
        ),
        accepts=("Hvala za vaše zanimanje, z veseljem se pogovorimo.",
                 "Hvala, ker ste se oglasili. Pogovorimo se o podrobnostih."),
        declines=("Hvala, vendar smo partnerja za to že našli.",
                  "Žal to trenutno presega naše zmogljivosti."),
        thread=(
            "Hvala, ker ste sprejeli! Bi nam lahko poslali cenik in dobavne pogoje?",
            "Seveda, cenik vam še danes pošljem po e-pošti. S kakšnimi količinami na leto računate?",
            "V prvem letu s približno dvajsetimi tovornjaki, več, če se pilotna dobava obnese. Bi se lahko "
            "srečali prihodnji mesec na sejmu?",
            "Da, v torek in sredo bomo na naši stojnici. Vam ustreza torek ob 11:00?",
            "Torek ob 11:00 nam ustreza. Prišel bo tudi naš tehnični direktor.",
            "Odlično, se vidimo. Pripravil bom osnutek pogodbe za poskusno dobavo.",
        ),
    ),
}
