"""Hand-written Dutch word lists for the entity rules: cue words, particles, first names.

Every list here is our own, written from general knowledge of Dutch news language; none is
derived from an annotated corpus. Lists are lowercase unless said otherwise.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """Split a whitespace-separated block into a frozen set of words."""
    return frozenset(text.split())


def _names(text: str) -> frozenset[str]:
    """Split a block of names separated by ``|`` or line ends into a frozen set."""
    return frozenset(n.strip() for n in text.replace("\n", "|").split("|") if n.strip())


# Lowercase words that may stand between the capitalised parts of one name.
NAME_PARTICLES = _words(
    """
    van de der den ter ten te het 't d' da di del della dos das du le la von zu vom bin ibn
    al el ben y vanden vander op in 't s' 's
    """
)

# Capitalised particles that begin a Flemish or Dutch surname (``De Gucht``, ``Van Impe``).
SURNAME_PREFIXES = _words("de van vanden vander ver ten ter le la di da del von du")
SURNAME_PREFIXES_CAPITALISED = frozenset(p.title() for p in SURNAME_PREFIXES)

# Function words and frequent sentence openers: capitalised only because a sentence starts.
SENTENCE_WORDS = _words(
    """
    aan achter af al alle alleen alles als alsof alweer ander andere anders bij binnen
    boven buiten daar daarbij daardoor daarin daarmee daarna daarnaast daarom daarop
    daarvan dan dankzij dat de deze die dit door doordat dus echter een eerder eerst
    elk elke en enkele er ergens even geen gisteren haar hem het hier hierbij hierdoor
    hij hoe hoewel hun ik in inmiddels intussen is je jij juist kan maar meer men met
    mijn misschien na naar naast nadat namelijk niet niemand niets nochtans nog nooit nu
    of ofwel om omdat ondanks onder ons ook op over overigens per reeds rond sinds slechts
    soms steeds tegen terwijl toch toen tot tussen u uit vanaf vandaag verder via vooral
    voor voordat vorig vorige waar waarom wanneer want was wat we welke werd wie wij
    wel zal ze zelfs zij zijn zo zoals zonder zou zulke morgen vanavond vannacht
    volgens tijdens behalve bovendien desondanks eigenlijk uiteindelijk ongeveer
    bijvoorbeeld waarschijnlijk natuurlijk opnieuw ook alsnog inderdaad daarentegen
    tenslotte ten slotte toen vroeger later nadien sindsdien meteen plots plotseling
    ja nee neen oké goed dag beste geachte zeker helaas gelukkig hopelijk vanmorgen
    vanmiddag eergisteren overmorgen hoeveel hoelang waarbij waardoor waarin waarmee
    welk wiens zowel noch beide allebei iedereen iemand iets velen weinig weinigen
    veel meeste sommige sommigen enige enigen vele ieder iedere ene andere zelf
    mede samen iedere tevens eveneens althans evenwel immers trouwens zowat bijna amper
    iets wellicht mogelijk vermoedelijk blijkbaar kennelijk duidelijk iedereen
    een twee drie vier vijf zes zeven acht negen tien honderd duizend miljoen miljard
    eerste tweede derde vierde vijfde laatste nieuwe grote kleine oude jonge
    net nou toe ongeacht gezien wegens vanwege aldus zodat zodra totdat tenzij indien
    mits opdat zoals hoe hetzelfde dezelfde datzelfde diens dier wier hen mij me jou
    jullie onze ons uw zijn haar hun mijn maandag dinsdag woensdag donderdag vrijdag
    zaterdag zondag eigen tja niks helemaal daarvoor nadien hierna hiervoor zeg
    tegenover namens vanuit omstreeks langs jegens nabij aangaande betreffende krachtens
    middels alsook
    """
)

# Function words that open sentences and never stand inside a name (``Ajax Het concern``).
BREAK_WORDS = _words(
    """
    het er in op maar dat dit deze die ook als en om ze zij hij ik we wij je jij u wat wie
    waar toen nu dan daar hier volgens bij met na naar door tot tijdens sinds omdat want
    hoewel terwijl zo nog dus toch wel niet geen echter daarom daarna inmiddels verder
    bovendien ondanks sommige alle veel hun haar zijn mijn onze de een
    """
)

# Words just before a name that make it a person (``president Poetin``, ``minister De Croo``).
PERSON_CUES = _words(
    """
    president premier minister staatssecretaris burgemeester schepen gouverneur koning
    koningin prins prinses keizer paus kardinaal bisschop dominee pastoor imam rabbijn
    generaal kolonel majoor kapitein luitenant sergeant commandant admiraal
    woordvoerder woordvoerster directeur voorzitter ondervoorzitter topman topvrouw
    baas ceo bestuurder oprichter eigenaar hoogleraar professor prof dokter dr ir mr
    drs ing heer mevrouw meneer mevr dhr juffrouw sir lord lady madame monsieur mister
    trainer coach bondscoach ploegleider manager renner doelman keeper spits aanvaller
    verdediger kapitein speler speelster zanger zangeres schrijver schrijfster auteur
    dichter regisseur acteur actrice kunstenaar componist dirigent journalist fotograaf
    advocaat rechter procureur aanklager onderzoeker econoom analist politicus
    senator kamerlid parlementslid volksvertegenwoordiger ambassadeur gezant
    afgevaardigde kandidaat leider partijleider fractieleider oppositieleider
    vicepremier vicepresident ex-president oud-premier oud-minister expremier
    collega vriend vriendin broer zus zoon dochter vader moeder echtgenoot echtgenote
    weduwe ambtgenoot partner klant minister-president kroonprins groothertog
    presidentskandidaat onderminister commissaris secretaris-generaal gedeputeerde
    foto foto's fotografie illustratie tekening
    rector decaan chef-kok kok piloot boer ondernemer zakenman zakenvrouw miljardair
    wethouder oud-wethouder raadslid statenlid lijsttrekker informateur formateur
    historicus politicoloog socioloog filosoof psycholoog econome architect priester
    columnist columniste scholier student studente docent leraar lerares verdachte
    dictator tegenstander voorman voorvrouw aanvoerder middenvelder back scheidsrechter
    arbiter topscorer invaller wielrenner schaatser atleet bokser tennisser zwemmer
    presentator presentatrice verslaggever correspondent activist activiste
    """
)

# Words just before an unknown name that speak against a person: articles and possessives
# (``de Beweging``, ``het Pausenpaleis``, ``een Salomonsoordeel``, ``zijn Honda's``).
NOT_PERSON_CUES = _words("de het een des der d' the zijn haar hun onze ons mijn jullie")

# Nouns that end the name of a place (``Grote Markt``, ``Zwarte Woud``, ``Tigre-provincie``).
PLACE_HEADS = _words(
    """
    markt plein straat laan weg steenweg kaai dreef zaal paleis kathedraal basiliek kapel
    abdij burcht kasteel stadion luchthaven station haven brug kanaal rivier meer baai
    berg bergen gebergte heuvel woud bos heide venen vallei dal kust strand eiland eilanden
    schiereiland provincie regio gewest republiek koninkrijk groothertogdom vorstendom
    deelstaat wijk buurt park renbaan circuit square street avenue road bay valley island
    """
)

# Titles of royalty and nobility: ``prinses Caroline van Monaco`` names one person, the
# place in it is part of the name.
NOBLE_CUES = _words(
    "koning koningin prins prinses kroonprins kroonprinses hertog hertogin graaf gravin "
    "groothertog groothertogin keizer keizerin vorst vorstin"
)

# Posts whose capitalised word after them may be a field of study (``hoogleraar
# Bestuurskunde``, ``docent Latijn``) rather than a surname.
FIELD_CUES = _words("hoogleraar professor prof docent lector leraar lerares student studente")
FIELD_ENDINGS = ("kunde", "logie", "wetenschap", "wetenschappen", "kunst", "recht", "ica", "leer")

# Words just after a name that make it a person (``Peskov zei``).
PERSON_VERBS = _words(
    """
    zei zegt verklaarde vertelde meldde benadrukte voegde stelde schreef antwoordde
    reageerde vindt vond denkt dacht wil wilde liet laat beweerde erkende ontkende
    bevestigde vroeg verzekerde waarschuwde meent meende sprak lachte besloot kondigde
    overleed stierf werd geboren trouwde scoorde won verloor
    """
)

# Last words that make a name a place even after a first name (``Johan Cruijff Arena``):
# venues and streets, none of them a common surname.
VENUE_HEADS = _words(
    """
    arena stadion station luchthaven paleis kathedraal basiliek kapel abdij kasteel plein
    straat laan circuit square street avenue court toren
    """
)
# Parts of a town: ``Amsterdam-Zuid``, ``Haarlemmermeer-West``.
COMPASS_PARTS = frozenset(
    "Noord Zuid Oost West Centrum Noordoost Noordwest Zuidoost Zuidwest Oud Nieuw".split()
)

# The points of the compass as nouns: ``het Westen`` (the West, a notion), ``het Noorden``.
COMPASS_NOUNS = frozenset({"Noorden", "Zuiden", "Oosten", "Westen"})

# English function words, months and days: capitalised in English text, never a name
# alone (``Now I need ...``, ``in November``). Not ``May``, ``June``, ``April``.
ENGLISH_WORDS = _words(
    """
    i i'm i’m i've i’ve i'll i’ll i'd i’d we you us our your my me now today yes not am is are
    was were be been this that what when where why how who the of and or for with from by
    about after before all any every their they them he she his her it its there here
    january february march july september october november december monday tuesday
    wednesday thursday friday saturday sunday
    """
)

# Lowercase heads of the organisation of a place (``gemeente Apeldoorn``, ``politie
# Amsterdam``, ``rechtbank in Rotterdam``): with the place they name an organisation.
PLACE_ORG_HEADS = _words(
    """
    gemeente gemeenteraad politie rechtbank gerechtshof waterschap hoogheemraadschap
    brandweer veiligheidsregio omgevingsdienst universiteit hogeschool
    """
)

# A country's body after its adjective is an organisation (``het Zweedse parlement``).
NATIONAL_BODIES = _words("parlement")

# Words just before an unknown single word that make it a person (``volgens Peskov``):
# organisations after them are known names or acronyms.
SOURCE_CUES = _words("volgens aldus")

# A word before a name without a first name that makes it an organisation rather than a
# person: one works or buys ``bij`` a company (``werkt bij Aveleijn``).
EMPLOYER_CUES = _words("bij")

# Words just before a name that make it a place (``in Oekraïne``); weak, for unknown words.
PLACE_CUES = _words("in naar uit te nabij richting via vanuit rond tussen")

# Head words that make a capitalised group an organisation (``Raad van State``).
ORG_HEADS = _words(
    """
    partij raad bank commissie ministerie federatie unie comité comite hof rechtbank
    universiteit hogeschool vereniging stichting bond fonds instituut agentschap dienst
    organisatie organization association federation council committee union university
    institute agency bureau groep group holding airlines airways telecom motors
    parlement senaat kamer congres regering kabinet overheid leger politie
    club vakbond omroep krant uitgeverij maatschappij vennootschap company corporation
    corp inc ltd plc nv bv sa ag gmbh spa bvba cvba vzw co kerk alliantie beweging front
    academie ziekenhuis museum orkest theater opera school college coalitie inspectie
    autoriteit waterschap genootschap research media partners capital energy foundation
    consulting solutions services lyceum gymnasium atheneum scholengemeenschap
    products foods recycling logistics systems technologies technology labs studios
    entertainment pharma pharmaceuticals ventures investments industries network
    networks magazine news journal tribune herald reizen tours travel makelaardij
    """
)
# Last words of the name of an institution, never a surname: the name is an organisation
# even when it opens with a first name (``Willem Alexander College``, ``Comenius Lyceum``).
INSTITUTION_TAILS = _words(
    """
    lyceum gymnasium atheneum college school basisschool scholengemeenschap universiteit
    hogeschool academie instituut ziekenhuis stichting vereniging fonds foundation
    university institute
    """
)
# Ends of compounds that name an organisation (``Wereldbank``, ``Voedselagentschap``,
# ``OKC-beweging``, ``Naturalisatiedienst``).
ORG_HEAD_ENDINGS = (
    "partij",
    "bank",
    "raad",
    "unie",
    "bond",
    "fonds",
    "groep",
    "federatie",
    "agentschap",
    "organisatie",
    "gerechtshof",
    "ziekenhuis",
    "hogeschool",
    "universiteit",
    "inspectie",
    "tribunaal",
    "beweging",
    "krediet",
    "instituut",
    "vereniging",
    "maatschappij",
    "ministerie",
    "centrale",
    "omroep",
    "fractie",
    "academie",
    "comité",
    "kliniek",
    "dienst",
    "autoriteit",
    "bureau",
    "tours",  # ``Bustours``
)

# Ends of compounds that name a region (``Vechtstreek``, ``Alblasserwaard``).
REGION_ENDINGS = ("streek", "waard", "polder", "gebied")
# Heads one coordinated compound shares with the part before (``Gooi- en Vechtstreek``,
# ``Immigratie- en Naturalisatiedienst``).
SHARED_HEAD_ENDINGS = ORG_HEAD_ENDINGS + REGION_ENDINGS

# Words that end an organisation name, capitalised as written.
ORG_SUFFIXES = _words("NV BV SA AG Inc Ltd Plc GmbH Corp Co BVBA CVBA VZW LLC")
# Legal forms, lowercased: alone they are no organisation (``Spa`` is a town).
LEGAL_FORMS = frozenset({*(s.lower() for s in ORG_SUFFIXES), "spa", "sa", "ag"})

# Words before a photographer's or illustrator's initials (``Foto's RV``).
CREDIT_CUES = _words("foto foto's fotografie illustratie illustraties tekening tekeningen")

# Endings of street and square names (``Kanselarijstraat``): places whatever their neighbours.
STREET_ENDINGS = ("straat", "plein", "laan", "steenweg", "kaai", "dreef", "gracht", "markt")

# Common first names (Dutch, Flemish, international), written by hand. Title case.
FIRST_NAMES = _words(
    """
    Aad Aafke Aart Abdel Abdul Abraham Ad Adam Adriaan Adrianus Agnes Ahmed Aidan Alain
    Albert Alberto Alex Alexander Alexandra Alexandre Alexei Alexej Alfons Alfred Ali
    Alice Alicia Alois Amanda Amber Amelie Ana Andre André Andrea Andreas Andrei Andrej
    Andries Andy Angela Angelo Anita Anja Ann Anna Anne Anneke Annemarie Annemie Annick
    Annie Anouk Anthony Antoine Anton Antonio Antoon Arend Arie Arjan Arjen Arno Arnold
    Arnoud Arthur Astrid Audrey Axel Barack Barbara Bart Bas Bastiaan Beatrix Ben Benjamin
    Benny Bernard Bernd Bert Bettina Bill Bjorn Björn Bob Boris Bram Brecht Brigitte Bruno
    Carl Carla Carlo Carlos Carmen Carolien Caroline Cas Catherine Cees Charles Charlotte
    Chris Christa Christian Christiane Christine Christophe Christopher Claire Clara
    Claude Claudia Claudio Corneel Cornelis Daan Dani Daniel Daniël Danny Dave David
    Dennis Diana Dick Didier Diederik Dieter Dimitri Dirk Dmitri Dmitry Dmitri Dolf
    Dominique Donald Dorothee Dries Eddy Edith Eduard Edward Eefje Egbert Elena Eli Elias
    Elisabeth Eliza Ellen Els Elke Emile Emily Emma Emmanuel Erik Eric Erika Ernst Esther
    Etienne Eva Evelyne Fabian Fatima Femke Ferdinand Filip Fleur Floor Floris Fons
    Francesco Francis Francois François Frank Frans Frederik Freddy Frits Gabriel
    Gareth Geert George Georges Georg Gerard Gerrit Gert Gerhard Gijs Gilbert Gino
    Giorgio Giovanni Giuseppe Gordon Greet Greta Guido Guillaume Gunter Günter Guus Guy
    Hamid Hannah Hans Harald Harrie Harry Hasan Hassan Hein Heinz Helen Helena Helga
    Hendrik Henk Henri Henry Herman Hilde Hillary Hubert Hugo Igor Ilse Inge Ingrid Ineke
    Ingrid Iris Isabel Isabelle Ivan Ivo Jaap Jacob Jacqueline Jacques Jaime Jakob James
    Jan Jane Janet Jannes Jasper Jean Jean-Claude Jean-Luc Jean-Marie Jean-Pierre Jeanne
    Jef Jeff Jelle Jennifer Jeroen Jesse Jessica Jim Jo Joachim Joan Joanna Jochen Joe
    Johan Johann Johannes John Jonas Jonathan Joost Jordi Jorge Joris Jos Jose José Josef
    Joseph Josh Joyce Juan Judith Jules Julia Julian Julie Julien Jurgen Jürgen Justin
    Kaat Karel Karen Karin Karl Kate Katrien Katrin Kees Kevin Khalid Kim Klaas Klaus
    Koen Koenraad Kris Kristof Kurt Lars Laura Laurens Laurent Lea Leen Lena Leo Leon
    Leonard Lies Lieve Lisa Liesbeth Lode Lodewijk Lotte Louis Louise Luc Luca Lucas
    Lucien Ludo Luis Luk Lukas Maarten Madeleine Magda Manfred Manon Marc Marcel Marco
    Marcus Margaret Margriet Maria Mariam Marie Marijke Marina Mario Mark Marleen Marloes
    Martin Martine Marten Mathias Mathieu Matthias Matteo Maurice Max Maxim Maxime
    Mehmet Melania Merel Michael Michaël Michel Michele Michiel Miguel Mikhail Mike Milan
    Mohamed Mohammed Monique Muhammad Mustafa Nadia Nancy Naomi Natalia Natasha Nathalie
    Nick Nico Nicolas Nicole Niels Nina Noah Noor Norbert Olaf Olga Olivier Omar Oscar
    Otto Pascal Patrick Patricia Paul Paula Paulo Pavel Pedro Peggy Pepijn Peter Petra
    Philip Philippe Piet Pieter Pierre Pim Pol Ralf Ramon Raoul Raymond Rebecca Reinier
    Rembrandt Rene René Richard Rick Rik Rob Robbert Robert Roberto Robin Rodrigo Roel
    Roger Roland Romain Ronald Rudi Rudy Rudolf Ruud Ruth Rutger Sabine Sam Sandra Sander
    Sara Sarah Sebastian Sebastien Sébastien Sergej Sergei Sergey Silvio Simon Sjoerd
    Sofie Sophie Stan Stefan Stefaan Stephan Stephane Stéphane Steven Stijn Sven Tamara
    Tanja Ted Theo Thierry Thijs Thomas Tim Timo Tine Tineke Tobias Tom Tommy Tony Ton
    Toon Udo Ulrich Urbain Valentin Valerie Vera Victor Vincent Viktor Vladimir Volodymyr
    Walter Werner Wes Wilfried Willem Willy Wim Wolfgang Wouter Xavier Yannick Yves Yvonne
    Zoë Zeno Benjamin Recep Tayyip Xi Emmanuel Olaf Giorgia Ursula Kamala Joe Narendra
    Jair Justin Rishi Keir Viktor Mark Dick Rob Sigrid Hugo Geert Frans Jesse Caroline
    Wopke Sigrid Bart Alexander Elio Charles Jacinda Shinzo Fumio Jens Antonio Josep Lionel
    Cristiano Kylian Virgil Frenkie Memphis Max Tadej Wout Remco Mathieu Lance Eddy Tom
    Serena Roger Rafael Novak Kim Justine Elise Greet Hannelore Margot Theresa Tony Gordon
    Boris Liz Nicola Angela Olaf Friedrich Helmut Gerhard Jacques Nicolas Francois
    Silvio Matteo Mario Pedro Mariano Felipe Vladimir Sergej Dmitri Aleksej Alexej Joeri
    Jevgeni Gennadi Mikhail Michail Nikolaj Andrej Oleksandr Volodymir Petro Vitali Ramzan
    Bashar Hosni Saddam Yasser Benjamin Ariel Ehud Shimon Yitzhak Golda Ismail Abdullah
    Salman Ebrahim Hassan Ali Mahmoud Recep Ahmet Kemal Nelson Kofi Jacob Cyril Paul
    George Ronald Jimmy Richard Lyndon Dwight Franklin Theodore Abraham Hillary Nancy
    Kamala Mike Ron Ted Bernie Elizabeth Alexandria Elon Jeff Mark Steve Warren Xi
    """
)

# More first names of Dutch and international news of 2019-2020, written by hand.
MORE_FIRST_NAMES = _words(
    """
    Ed Sybrand Kajsa Attje Lilianne Gert-Jan Tunahan Farid Khadija Femke Ank Carola
    Jolande Marianne Mona Hanneke Wendy Loes Sanne Romy Tommie Corrie Diane Birgit Cora
    Danielle Pauline Anouk Marjolein Mirjam Wilma Sjaak Wiebe Svante Malena Adélaïde Anuna
    Kyra Luisa Nicola Jeremy Ivanka Pete Annegret Scott Andrzej Carles Ilhan Rashida
    Stef Tjeerd Eppo Kees-Jan Mariëtte Stientje Ingrid Ferd Raoul Gijsbert Menno Marnix
    Thom Teun Ties Luuk Matthijs Daley Ryan Hakim Frenkie Georginio Steven Quincy
    Donny Memphis Davy Wesley Arjen Robin Dirk-Jan Erik-Jan Siem Sem Finn Bram Jesse Milan
    Lieke Vivianne Dafne Sifan Ranomi Sharon Kiki Bibian Anky Epke Sven Kjeld Tom
    Fred Brian Manuel Casper Nathan Sean Kyle Gary Gregory Harold Howard Jack Jake Larry
    Neil Norman Stuart Wayne Diego Pablo Raúl Sergio Javier Fernando Rafael Enrique
    """
)

# Surnames of people everyone in Dutch news of 2019-2020 knows: a person wherever they
# stand, also opening a sentence.
KNOWN_PEOPLE = _words(
    """
    Trump Merkel Macron Poetin Rutte Obama Biden Erdogan Thunberg Baudet Wilders Klaver
    Asscher Jetten Hoekstra Kaag Wiebes Buma Segers Pechtold Marijnissen Ollongren Grapperhaus
    Koolmees Halsema Aboutaleb Zuckerberg Musk Bezos Corbyn Farage Salvini Orbán Bolsonaro
    Trudeau Ardern Modi Khamenei Rohani Netanyahu Assad Maduro Guaidó Pence Pelosi Sanders
    Juncker Timmermans Tusk Barnier Merkel Mussolini Hitler Stalin Ronaldo Messi Verstappen
    Mandela Gandhi Xi Poroshenko Zelensky Navalny Lukasjenko Kim Johnson Clinton Bush
    """
)

# Organisations everyone in Dutch-language news knows, as written. Acronyms included.
KNOWN_ORGS = _names(
    """
    NAVO|VN|EU|OVSE|CSTO|APEC|G20|G7|G8|OPEC|IMF|IMF|WTO|WHO|OESO|OECD|UNESCO|UNICEF|UNHCR
    Unicef|Unesco|Interpol|Europol|Frontex|ECB|IAEA|IOC|FIFA|UEFA|UCI|KNVB|KBVB|NOC|BOIC
    Verenigde Naties|Europese Unie|Europese Commissie|Europees Parlement|Europese Raad
    Raad van Europa|Wereldbank|Rode Kruis|Internationaal Rode Kruis|Amnesty International
    Human Rights Watch|Greenpeace|Artsen Zonder Grenzen|FBI|CIA
    KGB|FSB|NSA|Hamas|Hezbollah|Taliban|Al Qaida|Al-Qaida|IS|ISIS|Wagner|Gazprom|Rosneft
    Noord-Atlantische Verdragsorganisatie|Veiligheidsraad|Tweede Kamer|Eerste Kamer|Kamer
    Senaat|Congres|Bundestag|Doema|Knesset|Vlaams Parlement|Vlaamse Regering|Raad van State
    Grondwettelijk Hof|Hof van Cassatie|Europees Hof|Openbaar Ministerie|Rekenhof
    CD&V|CVP|VLD|Open Vld|Open VLD|SP|SP.A|Vooruit|N-VA|Vlaams Blok|Vlaams Belang|Groen
    Agalev|PS|MR|PRL|PSC|cdH|Ecolo|PVDA|PTB|Volksunie|VU|PvdA|VVD|CDA|D66|PVV|GroenLinks
    ChristenUnie|SGP|BBB|NSC|JA21|FvD|Forum voor Democratie|Partij voor de Dieren
    Republikeinse Partij|Democratische Partij|Labour|Conservatieve Partij|CDU|CSU|SPD|FDP
    De Morgen|De Standaard|Het Laatste Nieuws|Het Nieuwsblad|Gazet van Antwerpen|Het Volk
    De Tijd|Knack|Humo|Trouw|NRC|NRC Handelsblad|de Volkskrant|Volkskrant|De Telegraaf
    Telegraaf|Het Parool|AD|Algemeen Dagblad|Le Soir|La Libre Belgique|Le Monde|Le Figaro
    The Guardian|The Times|New York Times|The New York Times|Washington Post|Financial Times
    The Economist|Der Spiegel|Spiegel|Bild|BBC|CNN|Reuters|AFP|AP|ANP|Belga|Bloomberg
    VRT|VTM|RTBF|NOS|RTL|SBS|Canvas|NPO|Radio 1|Radio 2|Studio Brussel|Al Jazeera|TASS
    Interfax|RIA Novosti|Xinhua|Apple|Google|Microsoft|Amazon|Meta|Facebook|Twitter|Tesla
    Shell|Philips|Unilever|ING|ABN Amro|Rabobank|KBC|Belfius|BNP Paribas|Fortis|Dexia|AXA
    Proximus|Belgacom|Telenet|Mobistar|Orange|Delhaize|Colruyt|Albert Heijn|Ahold|Bpost
    NMBS|NS|De Lijn|MIVB|Sabena|Brussels Airlines|KLM|Air France|Lufthansa|Ryanair|Boeing
    Airbus|Volkswagen|BMW|Mercedes|Renault|Peugeot|Fiat|Toyota|Ford|General Motors|Opel
    Audi|Volvo|Electrabel|Engie|TotalEnergies|BP|ExxonMobil|Siemens|Samsung|Sony
    Nokia|Ericsson|Intel|IBM|Netflix|Disney|Coca-Cola|Pepsi|Nestlé|Danone|Heineken
    AB InBev|Inbev|Interbrew|Solvay|Umicore|Bekaert|Agfa|Barco|Lernout & Hauspie|ASML
    KU Leuven|UGent|VUB|ULB|Universiteit Gent|Universiteit Antwerpen|Universiteit Leiden
    Anderlecht|Club Brugge|Standard|AA Gent|Genk|Ajax|PSV|Feyenoord|Real Madrid|Barcelona
    Juventus|AC Milan|Inter|Bayern München|Manchester United|Liverpool|Chelsea|Arsenal
    Rode Duivels|Oranje|Red Lions|Belgian Cats|Nationale Bank|Federal Reserve|Fed
    Europese Centrale Bank|Wereldgezondheidsorganisatie|Navo|Vredespaleis
    Internationaal Strafhof|Internationaal Gerechtshof|Nasa|NASA|ESA|Europees Ruimteagentschap
    Vlaamse Gemeenschap|Franse Gemeenschap|Duitstalige Gemeenschap|Waalse Regering
    Brusselse Regering|Brussels Parlement|Waals Parlement|Kamer van Volksvertegenwoordigers
    Wereldhandelsorganisatie|Rijkswacht|Gerechtelijke Politie|Federale Politie|Comité P
    Boerenbond|ACV|ABVV|ACLVB|VBO|Unizo|Voka|VEV|Test-Aankoop|Gezinsbond|Kind en Gezin|VDAB
    Forem|RVA|RSZ|RIZIV|De Post|Child Focus|Broederlijk Delen|Oxfam|Vredeseilanden|Natuurpunt
    Bond Beter Leefmilieu|KUL|RUG|UIA|UA|UCL|Vlerick|Generale Bank|Generale Maatschappij
    Tractebel|Gemeentekrediet|Kredietbank|Almanij|Cera|Bank Degroof|Petercam|Agfa-Gevaert
    Glaverbel|GB|Carrefour|Lidl|Aldi|IKEA|Ikea|McDonald's|Porsche|Ferrari|McLaren|Nissan
    Honda|Endemol|HSBC|Morgan Stanley|Goldman Sachs|JP Morgan|Citigroup|Deutsche Bank
    Crédit Agricole|Royal Dutch Shell|Royal Dutch|TotalFina|Vivendi|France Télécom
    Deutsche Telekom|Telekom|Vodafone|KPN|Alcatel|Baan|Electrabel|Suez|Arcelor|ArcelorMittal
    Klara|MNM|Ketnet|Eén|VT4|Kanaal 2|Vitaya|Arte|TF1|France 2|Ned 1|Ned 2|Ned 3|Radio 3
    Wall Street Journal|Time|Time Magazine|Newsweek|Libération|Frankfurter Allgemeine
    De Financieel-Economische Tijd|Het Financieele Dagblad|Het Belang van Limburg|Metro
    Mapei|Rabobank|US Postal|Festina|Lotto|Domo|Farm Frites|Cofidis|Banesto|Kelme|Saeco
    Mercatone Uno|Polti|Lampre|Fassa Bortolo|Française des Jeux|AG2R|Quick-Step|Jumbo-Visma
    Visma-Lease a Bike|Soudal Quick-Step|Lotto Dstny|Alpecin-Deceuninck|Intermarché|Ineos
    UAE Team Emirates|Team Sky|Bora-Hansgrohe|Movistar|Astana|Euskaltel|Lakers|Knicks|Bulls
    Pacers|Celtics|Lokeren|Westerlo|Lierse|Germinal Beerschot|Beerschot|Charleroi|Moeskroen
    Cercle Brugge|Racing Genk|KRC Genk|STVV|Sint-Truiden|KV Mechelen|Royal Antwerp
    Zulte Waregem|OH Leuven|Union Sint-Gillis|Galatasaray|Fenerbahçe|Celtic|Rangers
    Glasgow Rangers|FC Porto|Benfica|Lazio|Lazio Roma|AS Roma|Napoli|Fiorentina|Parma
    Paris Saint-Germain|PSG|Olympique Marseille|Olympique Lyon|Borussia Dortmund|Schalke 04
    Werder Bremen|Bayer Leverkusen|Tottenham|Manchester City|Newcastle United|AZ|FC Twente
    FC Utrecht|Vitesse|Heerenveen|Willem II|NAC|Azzurri|Squadra Azzurra|Mannschaft|Les Bleus
    Duivels|Rolling Stones|Beatles
    """
)

# Organisations in Dutch news of the 2010s and 2020s, as written: parties, government
# bodies, public services, NGOs, media, companies, universities, Eredivisie clubs.
DUTCH_ORGS = _names(
    """
    PvdD|DENK|50PLUS|50Plus|Volt|JA21|BBB|BoerBurgerBeweging|Partij van de Arbeid
    Christen-Democratisch Appèl|Socialistische Partij|Partij voor de Vrijheid
    Staten-Generaal|Provinciale Staten|Gedeputeerde Staten|Hoge Raad|Algemene Rekenkamer|Rekenkamer
    Nationale Ombudsman|De Nederlandsche Bank|DNB|AFM|ACM|NVWA|RIVM|KNMI|CBS|CPB|PBL|NCTV
    AIVD|MIVD|UWV|SVB|DUO|Belastingdienst|IND|COA|Rijkswaterstaat|Staatsbosbeheer|ProRail
    TenneT|Tennet|Gasunie|NAM|Defensie|Koninklijke Marechaussee|Marechaussee|Nationale Politie
    GGD|GGZ Nederland|Sociaal en Cultureel Planbureau|SCP|Centraal Planbureau
    Planbureau voor de Leefomgeving|Centraal Bureau voor de Statistiek|Kiesraad
    FNV|CNV|VNO-NCW|MKB-Nederland|LTO|LTO Nederland|ANWB|Consumentenbond|Vereniging Eigen Huis
    Milieudefensie|Natuurmonumenten|Urgenda|Extinction Rebellion|Wereld Natuur Fonds|WNF
    Oxfam Novib|Cordaid|Vluchtelingenwerk|Vluchtelingenwerk Nederland|Leger des Heils
    Fridays for Future|Youth for Climate|Greenpeace Nederland|Amnesty International Nederland
    NOS|NPO|RTL Nieuws|RTL 4|SBS6|BNNVARA|KRO-NCRV|AVROTROS|Avrotros|VPRO|EO|WNL|PowNed
    Omroep Brabant|Omroep Gelderland|RTV Oost|RTV Noord|Omroep West|NH Nieuws|AT5
    NU.nl|Nu.nl|NRC|Trouw|Het Parool|Parool|Algemeen Dagblad|Het Financieele Dagblad|FD
    De Gelderlander|Tubantia|Brabants Dagblad|Eindhovens Dagblad|BN DeStem|PZC|De Stentor
    Leeuwarder Courant|Dagblad van het Noorden|Noordhollands Dagblad|Elsevier|HP/De Tijd
    De Correspondent|Follow the Money|GeenStijl|Vrij Nederland|ANP
    DPG Media|Mediahuis|Talpa|Ziggo|VodafoneZiggo|T-Mobile|Tele2|KPN|PostNL|Bol.com|bol.com
    Booking.com|Coolblue|Ahold Delhaize|Jumbo|Hema|HEMA|V&D|Bijenkorf|De Bijenkorf
    Kruidvat|Blokker|IKEA|Zara|H&M|Primark|Tata Steel|DSM|AkzoNobel|Corbion|TomTom
    NN|Nationale-Nederlanden|Aegon|Achmea|ASR|Triodos|SNS|SNS Bank|Eneco|Vattenfall|Essent
    Nuon|Vitens|Air France-KLM|Transavia|Schiphol Group|Port of Rotterdam|Havenbedrijf
    Universiteit van Amsterdam|UvA|Vrije Universiteit|VU|Erasmus Universiteit|TU Delft
    TU Eindhoven|Universiteit Utrecht|Radboud Universiteit|Rijksuniversiteit Groningen
    Universiteit Twente|Tilburg University|Wageningen University|Wageningen UR
    Maastricht University|Universiteit Maastricht|Hogeschool van Amsterdam|Erasmus MC|UMC Utrecht
    Amsterdam UMC|LUMC|Radboudumc|Antoni van Leeuwenhoek|Rijksmuseum|Stedelijk Museum
    FC Groningen|Sparta|Sparta Rotterdam|ADO Den Haag|PEC Zwolle|Heracles|Heracles Almelo
    FC Emmen|VVV-Venlo|Fortuna Sittard|RKC Waalwijk|Excelsior|Go Ahead Eagles|NEC|De Graafschap
    Cambuur|SC Heerenveen|Jong Ajax|KNSB|KNHB|NOC*NSF
    Facebook|Instagram|YouTube|WhatsApp|TikTok|Snapchat|LinkedIn|Uber|Airbnb|Spotify|Netflix
    Tesla|Bayer|Monsanto|BASF|Chevron|ExxonMobil|Exxon|Equinor|Glencore|Nike|Adidas
    Huawei|Alibaba|Tencent|OpenAI|Ryanair|easyJet|Lufthansa|Boeing|Airbus|Volvo|Daimler
    Breitbart|Fox News|CBS News|NBC|ABC|MSNBC|Time|TIME|The Washington Post|Axios|Politico
    Boko Haram|Al-Shabaab|Hamas|Hezbollah|Taliban|Islamitische Staat|PKK|ETA|IRA|NSB
    Europees Parlement|Europese Commissie|Raad van de Europese Unie|Europees Hof van Justitie
    Europol|Eurojust|Frontex|NAVO|Navo|OPCW|IPCC|UNEP|WMO|Wereldvoedselprogramma|WFP
    """
)

# Seats of government: buildings, so places, also where they stand for the government
# (as ``Den Haag`` does); they head hyphenated nouns as organisations do
# (``Kremlin-woordvoerder``).
GOVERNMENT_SEATS = _names(
    "Witte Huis|Kremlin|Pentagon|Elysée|Élysée|Binnenhof|Catshuis|Torentje|Wetstraat"
)

# Organisations that share their name with a place: a place after ``in``, ``naar`` ...
CLUB_PLACES = _names(
    """
    Anderlecht|Genk|Barcelona|Liverpool|Chelsea|Lokeren|Westerlo|Charleroi|Moeskroen
    Sint-Truiden|Heerenveen|Parma|Napoli
    """
)

# Words around a town in a match report that make it the town's club (``tegen Emmen``,
# ``Emmen verslaan``).
MATCH_CUES = _words("tegen versloeg verslaat klopte treft trof ontvangt ontving")
MATCH_VERBS = _words(
    "verslaan versloeg verslaat won wint verloor verliest speelde speelt scoorde scoort "
    "klopte degradeert degradeerde promoveert promoveerde"
)

# Lowercase words only sport writes: a text holding one is about a match, so a town or a
# country after ``tegen`` is a team (``de interland tegen Duitsland``).
MATCH_WORDS = _words(
    """
    interland interlands bondscoach elftal kwalificatieduel kwartfinale halve-finale
    thuiswedstrijd uitwedstrijd eredivisie doelpunt doelpunten gelijkspel poulefase
    """
)

# Aliases whose mentions are one facet value: alias -> canonical display name.
ALIASES = {
    "VS": "Verenigde Staten",
    "V.S.": "Verenigde Staten",
    "USA": "Verenigde Staten",
    "Amerika": "Verenigde Staten",
    "VSt": "Verenigde Staten",
    "VN": "Verenigde Naties",
    "UN": "Verenigde Naties",
    "EU": "Europese Unie",
    "VK": "Verenigd Koninkrijk",
    "UK": "Verenigd Koninkrijk",
    "Navo": "NAVO",
    "Noord-Atlantische Verdragsorganisatie": "NAVO",
    "NATO": "NAVO",
    "Nato": "NAVO",
    "WHO": "Wereldgezondheidsorganisatie",
    "Nasa": "NASA",
    "Unicef": "UNICEF",
    "Unesco": "UNESCO",
    "VAE": "Verenigde Arabische Emiraten",
    "Open Vld": "Open VLD",
    "Volkskrant": "de Volkskrant",
    "Telegraaf": "De Telegraaf",
}

# Acronyms that name places rather than organisations.
PLACE_ACRONYMS = frozenset({"VS", "V.S.", "USA", "VK", "UK", "VAE", "DDR", "BRD", "USSR", "VSt"})

# Government portfolios: capitalised, they name the ministry (``minister van Financiën``).
PORTFOLIOS = _names(
    """
    Financiën|Justitie|Defensie|Volksgezondheid|Leefmilieu|Onderwijs|Binnenlandse Zaken
    Buitenlandse Zaken|Economische Zaken|Sociale Zaken|Buitenlandse Handel|Landbouw
    Ontwikkelingssamenwerking|Binnenlandse Veiligheid|Welzijn|Mobiliteit|Werkgelegenheid
    Justitie en Veiligheid|Waterstaat|Infrastructuur en Waterstaat|Koninkrijksrelaties
    Economische Zaken en Klimaat|Sociale Zaken en Werkgelegenheid|Medische Zorg
    Binnenlandse Zaken en Koninkrijksrelaties|Volksgezondheid, Welzijn en Sport
    Onderwijs, Cultuur en Wetenschap|Landbouw, Natuur en Voedselkwaliteit|Voedselkwaliteit
    Asiel en Migratie|Rechtsbescherming
    """
)
# Acronyms of laws, benefits, taxes and things Dutch news writes in capitals: no
# organisation (``de AOW``, ``de WW``, ``de VAR``, ``het ISS``).
NOT_NAME_ACRONYMS = _words(
    """
    AOW WW WIA WAO Wajong Wmo Wlz Zvw BTW CAO OZB WOZ BSN DigiD APK VAR ISS OV ICT AI
    GPS DNA HIV MRI ADHD PTSS AVG GDPR NAP IC ID PGB WOB Wob SUV LNG EV GGZ
    """
)

# Nouns before ``van``/``voor`` whose name after is part of a title: treaties, prizes,
# diseases, laws (``klimaatakkoord van Parijs``, ``Nobelprijs voor de Vrede``).
TITLE_OF_HEADS = (
    "akkoord",
    "verdrag",
    "conventie",
    "protocol",
    "syndroom",
    "ziekte",
    "prijs",
    "wet",
    "verklaring",
)
# A portfolio names an organisation only after these (``ministerie van Financiën``);
# after ``minister`` it names a post.
MINISTRIES = ("ministerie", "departement")
# Nouns before ``van`` and a portfolio that speak for the ministry, not for a post
# (``een woordvoerder van Defensie``).
MINISTRY_STAFF = _words(
    "woordvoerder woordvoerster woordvoerders ambtenaar ambtenaren topambtenaar "
    "topambtenaren medewerker medewerkers secretaris-generaal inspectie"
)

# First words of events, titles and awards: not people, places or organisations.
MISC_HEADS = _words(
    """
    Euro Tour Ronde Giro Vuelta EK WK Olympische Spelen Grote Prijs Champions League
    Oscar Oscars Nobelprijs Kampioenschap Wereldbeker Europacup Beker Jeux Grand Prix
    Eurovisie Songfestival Expo Biënnale Festival Week Dag Feest Kerstmis Pasen Ramadan
    Bijbel Koran Internet Euro's Big
    """
)

# People named after a country or region (demonyms): not facet entities.
DEMONYMS = _words(
    """
    Belg Belgen Vlaming Vlamingen Nederlander Nederlanders Fransman Fransen Duitser Duitsers
    Amerikaan Amerikanen Brit Britten Italiaan Italianen Spanjaard Spanjaarden Rus Russen
    Oekraïner Oekraïners Turk Turken Marokkaan Marokkanen Chinees Chinezen Japanner
    Japanners Europeaan Europeanen Afrikaan Afrikanen Brusselaar Brusselaars Antwerpenaar
    Antwerpenaars Gentenaar Gentenaars Limburger Limburgers Waal Walen Engelsman Engelsen
    Schot Schotten Ier Ieren Griek Grieken Deen Denen Noor Noren Fin Finnen Portugees
    Portugezen Congolees Congolezen Kongolees Kongolezen Palestijn Palestijnen Irakees
    Irakezen Afghaan Afghanen Pakistaan Pakistanen Mexicaan Mexicanen Braziliaan
    Brazilianen Argentijn Argentijnen Canadees Canadezen Zwitser Zwitsers Oostenrijker
    Oostenrijkers Tsjech Tsjechen Hongaar Hongaren Roemeen Roemenen Bulgaar Bulgaren
    Kroaat Kroaten Albanees Albanezen Koerd Koerden Arabier Arabieren Jood Joden Moslim
    Moslims Christen Christenen Katholiek Katholieken Protestant Protestanten Sjiiet
    Sjiieten Soenniet Soennieten Aziaat Aziaten Latino Latino's Spanjaarden Zweed Polen
    Rwandees Rwandezen Senegalees Senegalezen Vietnamees Vietnamezen Koreaan Koreanen
    Nederlandstalige Franstalige Franstaligen Nederlandstaligen Duitstalige
    """
)

# Word endings of Dutch and Flemish place names, for names no gazetteer has.
PLACE_ENDINGS = (
    "beek",
    "gem",
    "hout",
    "dam",
    "burg",
    "stad",
    "dorp",
    "veld",
    "kerke",
    "hove",
    "zele",
    "rode",
    "aarde",
    "donk",
    "heim",
    "kapelle",
    "werp",
    "meer",
    "voorde",
    "dries",
    "plein",
    "straat",
    "laan",
    "weg",
    "kaai",
    "markt",
    "park",
    "brug",
    "poort",
    "berg",
    "bos",
)

# Words just before a name that make it an organisation (``het bedrijf Floralux``).
ORG_CUES = _words(
    """
    bedrijf firma groep concern fabrikant producent krant dagblad weekblad zender omroep
    partij club ploeg team maatschappij keten holding vereniging organisatie merk
    uitgeverij bank verzekeraar operator provider luchtvaartmaatschappij rederij
    supermarktketen winkelketen softwarebedrijf internetbedrijf telecombedrijf bouwbedrijf
    ngo vakbond werkgeversorganisatie dochter dochterbedrijf moederbedrijf overnemer
    voetbalclub basketbalclub wielerploeg formatie groepering beweging studio label
    """
)

# Lowercase nouns just before a name that say what kind of thing it names, as words or as
# the head of a compound (``stichting De Verre Bergen``, ``modezaak Van Uffelen``,
# ``de havenstad Beira``, ``het tv-programma Buitenhof``). The cue beats the gazetteers and
# the first names: ``de stad Jos`` is a place, ``de wijk Feyenoord`` too.
ORG_CUE_WORDS = _words(
    """
    stichting merk formule label platform keten kliniek modezaak kledingzaak schoenenzaak
    fietsenzaak meubelzaak juwelierszaak opticien actiegroep terreurgroep strijdgroep
    rebellengroep mediagroep nieuwssite zoeksite website webwinkel zender tijdschrift
    vakblad weekblad dagblad inlichtingendienst veiligheidsdienst coalitiepartner
    coalitiegenoot band popgroep
    """
)
ORG_CUE_ENDINGS = (
    "bedrijf",
    "bedrijfje",
    "organisatie",
    "vereniging",
    "maatschappij",
    "concern",
    "fabrikant",
    "producent",
    "keten",
    "krant",
    "omroep",
    "stichting",
    "club",
    "platform",
    "winkel",
    "kliniek",
    "instelling",
    "formule",
    "merk",
    "label",
    "uitgeverij",
    "zender",
    "ploeg",
    "basisschool",
    "centrum",
    "partij",
    "bureau",
    "verzekeraar",
    # companies, brands, media and unions by what they are (``studentenvakbond Unef``,
    # ``rockband Muse``, ``huizensite Funda``, ``streamingdienst Hulu``, ``energiereus
    # Eneco``, ``pensioenfonds ABP``); not ``-maker`` or ``-bouwer``, which name people as
    # often (``documentairemaker``, ``wegenbouwer``)
    "bond",
    "band",
    "site",
    "dienst",
    "reus",
    "gigant",
    "supermarkt",
    "tijdschrift",
    "blad",
    "agentschap",
    "fonds",
    "coöperatie",
    "cooperatie",
    "handel",  # ``vishandel``, ``groothandel``, ``boekhandel``
    "operator",  # ``touroperator``, ``netwerkoperator``
    "ziekenhuis",  # ``ziekenhuis Rijnstate``, ``streekziekenhuis``: hospitals are organisations
    "hogeschool",
    "opvang",  # ``vogelopvang``, ``dierenopvang``
)
# ``-centrum`` heads an organisation (``behandelcentrum Idris``) unless it is a building.
VENUE_CENTRES = _words(
    "centrum winkelcentrum congrescentrum sportcentrum evenementencentrum stadscentrum "
    "dorpscentrum wijkcentrum zwemcentrum"
)
PLACE_CUE_WORDS = _words(
    """
    stad dorp gehucht plaats plaatsje stadje dorpje eiland regio provincie deelstaat wijk
    buurt stadsdeel polder rivier gebied streek district hoofdstad woonplaats badplaats
    kustplaats geboorteplaats standplaats geboortedorp geboortestad vestigingsplaats
    station knooppunt buitenverblijf land buurland
    café eetcafé grand-café restaurant brasserie bistro lunchroom kroeg bar cocktailbar
    nachtclub discotheek uitgaansgelegenheid poppodium concertzaal foodhal ijssalon
    pizzeria snackbar
    bioscoop filmtheater filmhuis theater schouwburg hotel sporthal zwembad
    """
)
# Capitalised first words that make a name a venue, a place (``Café de Unie``,
# ``Restaurant De Molen``), whatever follows: a restaurant or café is where things happen.
VENUE_OPENERS = _words("café eetcafé restaurant brasserie nachtclub discotheek")
PLACE_CUE_ENDINGS = ("stad", "dorp", "dorpje", "stadje", "eiland", "wijk", "provincie", "regio",
                     "complex")  # fmt: skip  # ``appartementencomplex``, ``sportcomplex``
# Titles of works, ships, events, storms and families: no facet (``het tv-programma
# Buitenhof``, ``het schip MSC Zoe``, ``muziekfestival Sziget``, ``de familie Smit``).
WORK_CUE_ENDINGS = (
    "programma",
    "film",
    "documentaire",
    "serie",
    "boek",
    "roman",
    "album",
    "single",
    "musical",
    "voorstelling",
    "podcast",
    "talkshow",
    "column",
    "rubriek",
    "schip",
    "boot",
    "jacht",
    "veerpont",
    "festival",
    "toernooi",
    "campagne",
    "orkaan",
    "cycloon",
    "storm",
    "vlucht",
    "familie",
    "echtpaar",
    "gezin",
)
