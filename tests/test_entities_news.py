"""Tests for the rules that keep web and print news from becoming facets: one per class of
error seen on 2019-2020 Dutch news (sentences written here, no article text)."""

from __future__ import annotations

from index.entities import default_extractor


def facets(text: str) -> dict[str, set[str]]:
    """The facet values of ``text`` by type, as the indexer stores them."""
    found: dict[str, set[str]] = {"person": set(), "place": set(), "org": set()}
    for entity in default_extractor().extract(text):
        found[entity.type].add(entity.name)
    return found


def test_a_quotation_opens_a_sentence():
    text = "De voorzitter zei: ,,Sowieso doen we mee.\" Ze riep 'Bijeenkomsten zijn fijn' en ging."
    assert facets(text)["person"] == set()


def test_a_function_word_after_a_name_opens_the_next_sentence():
    text = "Koers +2,3% Wolters Het uitgeversconcern groeide. Piet Bos Zwolle Er kwamen er meer."
    found = facets(text)
    assert "Wolters Het" not in found["person"] | found["org"]
    assert not any(name.endswith(" Er") for name in found["person"])


def test_a_surname_cut_to_its_initial_keeps_its_full_stop():
    assert facets("Het proces tegen Michael P. begon gisteren.")["person"] == {"Michael P."}


def test_organisation_names_hold_function_words():
    text = (
        "Het Centraal Bureau voor de Statistiek telde. Ook de Immigratie- en Naturalisatiedienst "
        "en de Inspectie Gezondheidszorg en Jeugd keken mee, met Forum voor Democratie."
    )
    assert facets(text)["org"] == {
        "Centraal Bureau voor de Statistiek",
        "Immigratie- en Naturalisatiedienst",
        "Inspectie Gezondheidszorg en Jeugd",
        "Forum voor Democratie",
    }
    assert facets(text)["person"] == set()


def test_a_known_name_opening_a_sentence_stays_whole():
    assert facets("De Tweede Kamer stemde in.")["org"] == {"Tweede Kamer"}


def test_a_first_name_or_surname_alone_is_the_full_name_of_the_article():
    text = (
        "Klimaatactiviste Greta Thunberg sprak. Later zei Greta dat ze moe was. "
        "Trainer Mark van Bommel lachte. Van Bommel won."
    )
    assert facets(text)["person"] == {"Greta Thunberg", "Mark van Bommel"}


def test_a_first_name_shared_by_two_full_names_stays_alone():
    text = "Jan Peters en Jan Smit zongen. Later zei Jan dat het mooi was."
    assert "Jan" in facets(text)["person"]


def test_a_capitalised_compound_of_dutch_words_is_no_surname():
    text = "Houtwinkel sluit. In de Houtwinkel was het druk, zei Statenleden niet."
    assert facets(text)["person"] == set()


def test_small_dutch_towns_and_american_states_are_places():
    text = "Een boer uit Markelo verhuisde naar Minnesota. Markelo rouwt."
    found = facets(text)
    assert found["place"] == {"Markelo", "Minnesota"}
    assert found["person"] == set()


def test_a_club_not_named_after_a_town_is_an_organisation():
    assert facets("Ajax won van Juventus in Turijn.") == {
        "person": set(),
        "place": {"Turijn"},
        "org": {"Ajax", "Juventus"},
    }


def test_a_known_name_after_a_particle_leaves_the_full_name_whole():
    text = "Waarmee Ursula von der Leyen de EU op de kaart zet. De Universiteit Utrecht zweeg."
    assert facets(text) == {
        "person": {"Ursula von der Leyen"},
        "place": set(),
        "org": {"Europese Unie", "Universiteit Utrecht"},
    }


def test_web_and_print_boilerplate_names_no_one():
    text = (
        "Bossen verdwijnen.Foto Marcel Bakker / de Volkskrant Boswachters zijn bezorgd. "
        'Vink hiervoor "Cookies accepteren van sociale media" aan. Lees ook: Kaag reageert. '
        "Download de gratis Nieuws-app van Omroep Vaart. © 2020 Uitgeverij Noord B.V."
    )
    assert facets(text) == {"person": set(), "place": set(), "org": set()}


def test_an_inflected_dutch_word_opening_a_sentence_is_no_name():
    text = (
        "Jetten debatteert vanavond. Zenuwen zegt hij niet te hebben. "
        "Geregeld laat Jetten iets vallen."
    )
    assert facets(text)["person"] == {"Jetten"}


def test_names_inside_titles_of_treaties_posts_and_expressions_are_no_facets():
    text = (
        "Het klimaatakkoord van Parijs geldt. Minister Slob van Onderwijs reageerde. "
        "Zij heeft het syndroom van Asperger. ’s Avonds las ze over Natura 2000. "
        "Het ministerie van Financiën zweeg."
    )
    assert facets(text) == {
        "person": {"Slob"},
        "place": set(),
        "org": {"ministerie van Financiën"},
    }


def test_dutch_organisations_everyone_knows_are_organisations():
    text = "Milieudefensie en Staatsbosbeheer spraken met het RIVM en PEC Zwolle."
    assert facets(text)["org"] == {"Milieudefensie", "Staatsbosbeheer", "RIVM", "PEC Zwolle"}


def test_english_text_datelines_venues_town_parts_and_club_names():
    text = (
        "DEN HAAG - Het duel in de Johan Cruijff Arena ging door. Now I need a boat in "
        "November. PEC Zwolle won in Haarlemmermeer-West. OPINIE"
    )
    assert facets(text) == {
        "person": set(),
        "place": {"Den Haag", "Johan Cruijff Arena", "Haarlemmermeer-West"},
        "org": {"PEC Zwolle"},
    }


def test_inhabitants_roles_signatures_and_datelines_split_from_names():
    text = (
        "Bomen wil de Tilburger. Hengeloër Fred Westerhof keek. "
        "Initiatiefnemer Anna Bakker sprak. Piet Bos Apeldoorn Er kwamen er meer. "
        "Betrek deze zaak erbij. Bert van der Heijden, Hoevelaken."
    )
    found = facets(text)
    assert found["person"] == {"Fred Westerhof", "Anna Bakker"}  # Piet Bos: a byline
    assert found["place"] == {"Apeldoorn"}


def test_a_signature_ending_the_text_needs_no_full_stop():
    assert facets("Het bos is van de dieren. Siep Dijk, Dwingeloo") == {
        "person": set(),
        "place": set(),
        "org": set(),
    }


def test_letters_formulas_conferences_roads_demonyms_and_name_compounds():
    text = (
        "Bij M zei men dat CO2 op COP25 besproken werd. Hij reed over de A27. "
        "De Australiërs lachten. De Parijsdoelen en de YouTubevideo van Albert Heijn vielen op."
    )
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == {"A27"}
    assert found["org"] == {"Albert Heijn"}


def test_well_known_surnames_open_sentences_as_people():
    text = "Trump heeft het akkoord opgezegd. Het Klimaatberaad van Ed Nijpels vergaderde."
    assert facets(text)["person"] == {"Trump", "Ed Nijpels"}


def test_a_dutch_noun_alone_needs_evidence_and_a_town_part_is_a_place():
    text = "Zij stemde Forum v Vrijheid, zei ze in Vinkeveen-Noord."
    assert facets(text) == {"person": set(), "place": {"Vinkeveen-Noord"}, "org": set()}


def test_ampersand_names_english_org_heads_and_initials_of_a_named_party():
    text = "Peiling van I&O Research. Forum voor Democratie won; FvD groeide. Bij Scotch & Soda."
    assert facets(text) == {
        "person": set(),
        "place": set(),
        "org": {"I&O Research", "Forum voor Democratie", "Scotch & Soda"},
    }


def test_an_english_title_is_no_person():
    assert facets("De documentaire I Am Greta draait in de zalen.")["person"] == set()


def test_a_known_organisation_heading_a_hyphenated_noun_is_named():
    text = "De VVD-minister en PvdA-Kamerleden spraken met Navo-bondgenoot Turkije over EU-geld."
    found = facets(text)
    assert found["org"] == {"VVD", "PvdA", "NAVO", "Europese Unie"}
    assert found["person"] == set()


def test_a_place_or_an_unknown_word_heading_a_hyphenated_noun_is_not_named():
    found = facets("Het Europa-beleid en de ICT-afdeling van de Defensie-top zwegen.")
    assert found == {"person": set(), "place": set(), "org": set()}


def test_a_single_unknown_word_seen_once_is_no_person():
    text = "Het schandaal heette Voetbalopoli. Coach Verbeek zweeg; Smulders lachte, Smulders ook."
    assert facets(text)["person"] == {"Verbeek", "Smulders"}


def test_a_word_dutch_uses_is_no_person_without_evidence():
    text = "Hij liep weg. Kop: Achteraf bekeken, en Achteraf nog eens. Trainer Onderweg won."
    assert facets(text)["person"] == {"Onderweg"}


def test_an_age_in_brackets_or_volgens_makes_an_unknown_word_a_person():
    text = "Volgens Verbeek was het druk. Ook Jansma (64) zag het, net als Kroes (zanger, 31)."
    assert facets(text)["person"] == {"Verbeek", "Jansma", "Kroes"}


def test_a_lowercase_organisation_head_and_a_place_name_an_organisation():
    found = facets("De gemeente Zwolle en de politie Deventer. Toen sprak de rechtbank in Breda.")
    assert found["org"] == {"gemeente Zwolle", "politie Deventer", "rechtbank in Breda"}
    assert found["place"] == {"Zwolle", "Deventer", "Breda"}


def test_hashtags_handles_and_links_are_no_names():
    text = "Ze twitterde #KlimaatNu en @GroeneGolf, zie pic.twitter.com/XyZ12AbQ Daarna sliep ze."
    assert facets(text) == {"person": set(), "place": set(), "org": set()}


def test_a_dateline_in_capitals_is_its_town():
    assert facets("ZWOLLE - Het water stijgt.")["place"] == {"Zwolle"}


def test_an_adjective_of_origin_before_a_place_or_a_person_is_cut_off():
    found = facets("Ze zeilde vanuit het Britse Southampton naar de Amerikaanse Donald Trump.")
    assert found["place"] == {"Southampton"}
    assert found["person"] == {"Donald Trump"}


def test_members_a_name_and_a_known_organisation_split_apart():
    found = facets(
        "In mei kozen alle Statenleden de Eerste Kamer. Advocaat Karel Visscher zei dat ook. "
        "Volgens hem heeft Visscher de Kamer goed geïnformeerd."
    )
    assert found["org"] == {"Eerste Kamer"}  # ``de Kamer`` is the Eerste Kamer here
    assert found["person"] == {"Karel Visscher"}


def test_a_first_name_and_a_company_named_after_a_family_is_a_person():
    assert facets("In 1896 begon Jacob Blokker een winkel.")["person"] == {"Jacob Blokker"}


def test_an_organisation_head_alone_names_the_one_organisation_ending_in_it():
    found = facets("De Tweede Kamer stemde. Later sprak de Kamer. De Europese Commissie zweeg.")
    assert found["org"] == {"Tweede Kamer", "Europese Commissie"}


def test_a_run_opening_with_a_word_dutch_uses_is_no_person_without_evidence():
    text = "Op het bord stond Thuis Blijven Helpt. De verdachte heet Peter K. Hij zweeg."
    found = facets(text)
    assert found["person"] == {"Peter K."}


def test_an_acronym_after_an_article_is_no_function_word():
    assert facets("Toch ging het OM in hoger beroep.")["org"] == {"OM"}


def test_a_capitalised_article_ending_a_run_opens_the_next_sentence():
    found = facets("Winst voor Philips De omzet steeg. Jan De Smet bleef.")
    assert found["org"] | found["person"] | found["place"] == {"Philips", "Jan De Smet"}


def test_an_unknown_full_name_and_a_brand_after_van_split():
    found = facets("Dat zei Gjalt Sikkema van SnelWeb gisteren. SnelWeb groeit.")
    assert found["person"] == {"Gjalt Sikkema"}
    assert found["org"] == {"SnelWeb"}


def test_a_country_adjective_and_parlement_is_an_organisation():
    found = facets("Ze staakte voor het Zweedse parlement in Stockholm.")
    assert found["org"] == {"Zweedse parlement"}


def test_a_lowercase_noun_before_a_name_says_what_it_names():
    text = (
        "Het geld ging naar stichting De Lage Heuvels en naar behandelcentrum Oostwal. "
        "De Lage Heuvels opent een school. Ze kocht een jas bij kledingzaak Van Dooren. "
        "In de havenstad Jos en de woonwijk Feyenoord bleef het rustig."
    )
    found = facets(text)
    assert found["org"] == {"De Lage Heuvels", "Oostwal", "Van Dooren"}
    assert found["place"] == {"Jos", "Feyenoord"}
    assert found["person"] == set()


def test_titles_of_works_and_ships_after_their_noun_are_no_facets():
    text = "Hij zat in het tv-programma Buitenhof en voer op het cruiseschip Viking Star."
    assert facets(text) == {"person": set(), "place": set(), "org": set()}


def test_a_capitalised_word_before_a_name_is_no_cue_noun():
    found = facets("Ze woonde in Lelystad, Dronten en Zwolle.")
    assert found["place"] == {"Lelystad", "Dronten", "Zwolle"}


def test_an_acronym_in_brackets_and_its_initials_give_one_value():
    text = "De organisatie Christelijke Hulp Wereldwijd (CHW) telde doden. CHW schreef."
    assert facets(text)["org"] == {"CHW"}


def test_names_and_places_the_dutch_dictionary_lists():
    text = (
        "Het gebeurde op Vlieland, zei de schipper van Bielsma. Lammert de Bruin zoekt "
        "het uit. Heebink beoordeelt de situatie. Later zwegen Bielsma en Heebink."
    )  # a surname alone needs a second mention (or a cue): dutch-rules-11
    found = facets(text)
    assert found["place"] == {"Vlieland"}
    assert found["person"] == {"Bielsma", "Lammert de Bruin", "Heebink"}


def test_a_cue_word_after_a_particle_or_first_name_is_a_surname():
    text = (
        "Het was VNO-NCW-voorman Hans de Boer. Ook Jan Kok kwam, met wethouder Anna van Veldhuizen."
    )
    assert facets(text)["person"] == {"Hans de Boer", "Jan Kok", "Anna van Veldhuizen"}


def test_a_known_name_glued_to_an_inflected_word_is_no_name():
    found = facets("Geen Polenhotels meer, zei hij, en geen YouTubevideo's.")
    assert found == {"person": set(), "place": set(), "org": set()}


def test_events_storms_and_families_after_their_noun_are_no_facets():
    text = (
        "Op muziekfestival Sziget, na orkaan Irma, sprak de familie Verheul met PSV-back Angelino."
    )
    assert facets(text) == {"person": {"Angelino"}, "place": set(), "org": {"PSV"}}


def test_schools_and_institutions_are_organisations_and_their_short_names_one_value():
    text = (
        "Het Comenius Lyceum denkt erover na. Het Cornelius Haga Lyceum groeit. Het Haga "
        "Lyceum kan ten koste van het Willem Alexander College gaan."
    )
    found = facets(text)
    assert found["org"] == {"Comenius Lyceum", "Cornelius Haga Lyceum", "Willem Alexander College"}
    assert found["person"] == set()


def test_a_town_that_plays_in_a_match_report_is_its_club():
    text = "Het werd 4-4 tegen Heerenveen. Woensdag moet Ajax ook Emmen verslaan."
    found = facets(text)
    assert found["org"] == {"Heerenveen", "Emmen", "Ajax"}
    assert facets("Zij demonstreerden tegen Heerenveen.")["place"] == {"Heerenveen"}


def test_a_town_keeps_its_place_hint_beside_a_listed_organisation():
    found = facets("Ajax voetbalt woensdag in Emmen, PSV donderdag thuis.")
    assert found["place"] == {"Emmen"}


def test_acronyms_of_laws_benefits_and_things_are_no_organisations():
    text = "Ze gaan de WW in, krijgen AOW en de VAR keek mee. De FNV protesteerde."
    assert facets(text)["org"] == {"FNV"}


def test_the_portfolios_of_dutch_ministries_are_one_name():
    text = (
        "Dat zei de minister van Justitie en Veiligheid tegen het Klimaatberaad, en het "
        "Klimaatberaad zweeg."
    )
    found = facets(text)
    assert found["org"] == {"Klimaatberaad"}
    assert found["person"] | found["place"] == set()


def test_a_columnists_name_in_a_title_is_a_byline():
    found = facets("Boycot. Nynke de Jong Column\n\nHet was stil in Hengelo.")
    assert found == {"person": set(), "place": {"Hengelo"}, "org": set()}
    assert facets("Regen. Column Nynke de Jong\n\nHet regende.")["person"] == set()


def test_a_known_premier_and_a_roman_numeral_is_a_cabinet():
    found = facets("Het kabinet Rutte III viel niet. Willem III stierf. De Syriëgangers kwamen.")
    assert found["org"] == {"Rutte III"}
    assert found["person"] == {"Willem III"}


def test_headings_in_capitals_are_no_names():
    text = "AAN HET WERK Psycholoog Thijs Launspach sprak. VERKIEZINGEN OP CAMPAGNE Het CDA won."
    found = facets(text)
    assert found["person"] == {"Thijs Launspach"}
    assert found["org"] == {"CDA"}


def test_a_listed_name_van_an_organisation_splits_and_leider_ends_a_cue():
    text = (
        "Dat bleek uit onderzoek van Wietse van Engeland van I&O Research. Ze sprak met "
        "GroenLinksleider Zita Pels. Jaren geleden werkte ik bij Fokker."
    )
    found = facets(text)
    assert found["person"] == {"Wietse van Engeland", "Zita Pels"}
    assert found["org"] == {"I&O Research", "Fokker"}
    assert found["place"] == set()


def test_a_compass_word_before_a_coordinated_compass_name_shares_its_tail():
    found = facets("Kijk naar Noord- en Zuid-Holland, en naar Centraal en Zuid-Amerika.")
    assert found["place"] == {"Noord-Holland", "Zuid-Holland", "Centraal-Amerika", "Zuid-Amerika"}


def test_seats_of_government_are_buildings_and_so_places():
    found = facets("Het Witte Huis en het Kremlin zwegen, net als het Catshuis.")
    assert found["place"] == {"Witte Huis", "Kremlin", "Catshuis"}
    assert found["org"] == set()


def test_adjectives_of_origin_after_a_name_or_uninflected_are_no_names():
    text = "Ze ontmoet Adélaïde Charlier de Duitse bondskanselier. Het is een Brits bureau."
    found = facets(text)
    assert found["person"] == {"Adélaïde Charlier"}
    assert found["place"] | found["org"] == set()


def test_names_listed_after_a_noun_and_als_are_of_its_kind():
    text = (
        "Hij kocht modezaken als Roodhuis, Stad Parijs en Kwik-Boy. In landen als Spanje "
        "en Italië ook. Mensen als Jan Smit bleven."
    )
    assert facets(text) == {
        "person": {"Jan Smit"},
        "place": {"Spanje", "Italië"},
        "org": {"Roodhuis", "Stad Parijs", "Kwik-Boy"},
    }


def test_a_royal_title_keeps_first_name_van_place_as_one_person():
    text = "Zijn moeder is prinses Caroline van Monaco. Ook prins Bernhard van Oranje kwam."
    assert facets(text) == {
        "person": {"Caroline van Monaco", "Bernhard van Oranje"},
        "place": set(),
        "org": set(),
    }


def test_regions_coordinated_compounds_and_dutch_words_before_a_verb():
    text = (
        "In Twente en de Gooi- en Vechtstreek is het druk. De Immigratie- en "
        "Naturalisatiedienst keek. Destijds werd het niets. Gedeputeerde Staten zwegen."
    )
    assert facets(text) == {
        "person": set(),
        "place": {"Twente", "Gooi- en Vechtstreek"},
        "org": {"Immigratie- en Naturalisatiedienst", "Gedeputeerde Staten"},
    }


def test_a_field_after_an_academic_post_and_a_list_noun_opening_a_sentence():
    text = (
        "Dat zegt Paul Frissen, hoogleraar Bestuurskunde. Hoogleraar Jansen zweeg. "
        "Organisaties als Airwars en Kwikzilver zochten mee."
    )
    assert facets(text) == {
        "person": {"Paul Frissen", "Jansen"},
        "place": set(),
        "org": {"Airwars", "Kwikzilver"},
    }


def test_a_shared_first_name_goes_to_the_full_name_the_article_is_about():
    text = (
        "Michiel Witteveen kocht. Toen betaalde Witteveen. Ook lachte Witteveen. Hij sprak "
        "met Michiel Herter. Later zei Michiel dat het goed was."
    )
    assert facets(text)["person"] == {"Michiel Witteveen", "Michiel Herter"}


def test_a_name_without_a_first_name_after_bij_is_an_organisation():
    text = "Ze werkt bij Tufco Recycling en kocht haar fiets bij Velotrix."
    assert facets(text) == {
        "person": set(),
        "place": set(),
        "org": {"Tufco Recycling", "Velotrix"},
    }


def test_english_company_heads_end_organisation_names():
    found = facets("Het contract ging naar Schmitz Foam Products en Adega Foods.")
    assert found["org"] == {"Schmitz Foam Products", "Adega Foods"}


def test_mis_decoded_utf8_is_no_copyright_footer():
    """``Ã©`` is ``é`` decoded as Latin-1: its ``©`` starts no footer."""
    text = "De film duurt Ã©Ã©n uur. Regisseur Pieter Brandsma filmde in Groningen."
    found = facets(text)
    assert found["person"] == {"Pieter Brandsma"}
    assert found["place"] == {"Groningen"}
    assert facets("Goed zo. © 2020 Uitgeverij Noord B.V. Alle rechten voorbehouden")["org"] == set()


def test_towns_with_function_words_are_one_place():
    text = "Hij rijdt van Capelle aan den IJssel naar Wijk bij Duurstede en Bergen op Zoom."
    places = {"Capelle aan den IJssel", "Wijk bij Duurstede", "Bergen op Zoom"}
    assert facets(text)["place"] == places


def test_a_title_before_a_street_is_part_of_its_name():
    text = "Burgemeester Jansen woont aan de Burgemeester Visserstraat, niet de Prins Hendrikkade."
    found = facets(text)
    assert found["place"] == {"Burgemeester Visserstraat", "Prins Hendrikkade"}
    assert found["person"] == {"Jansen"}


def test_what_a_company_brand_or_union_is_makes_it_an_organisation():
    text = (
        "De studentenvakbond Unef protesteerde. Ze keek op huizensite Woonwijzer en "
        "bij streamingdienst Kijkbox. Energiereus Stroomkracht bouwt. Zorgverzekeraar Zorgveilig "
        "helpt. De documentairemaker Pieter Brandsma filmde."
    )
    found = facets(text)
    assert found["org"] == {"Unef", "Woonwijzer", "Kijkbox", "Stroomkracht", "Zorgveilig"}
    assert found["person"] == {"Pieter Brandsma"}
    assert facets("Stichting Vogelhulp Zeist helpt.")["org"] == {"Stichting Vogelhulp Zeist"}


def test_names_listed_after_a_plural_for_people_are_people():
    text = "Hij citeert graag sprekers als Churchill en Kennedy, of landen als Spanje."
    found = facets(text)
    assert found["person"] == {"Churchill", "Kennedy"}
    assert found["place"] == {"Spanje"}
    assert facets("Het bedrijf groeit harder dan concurrenten als Shell en BP.")["person"] == set()


def test_a_web_address_written_as_a_name_is_an_organisation():
    text = (
        "Ze bestelde bij winkelwijzer.nl en las het op nieuwsbrief.com. Kijk op "
        "www.gemeente.nl, mail info@bedrijf.nl of open https://omroep.nl/artikel."
    )
    assert facets(text)["org"] == {"winkelwijzer.nl", "nieuwsbrief.com"}


def test_a_name_glued_to_an_area_noun_is_a_place():
    text = (
        "Het regent veel in het Amazonegebied. Het Noordpoolgebied en het "
        "Amazonewoud krimpen. Het natuurgebied is mooi, in het Natuurgebied wandelen we."
    )
    assert facets(text)["place"] == {"Amazonegebied", "Noordpoolgebied", "Amazonewoud"}


def test_great_britain_is_not_the_united_kingdom():
    found = facets("Hij verhuisde van Groot-Brittannië naar Canada. Het VK stapt uit de EU.")
    assert found["place"] == {"Groot-Brittannië", "Verenigd Koninkrijk", "Canada"}


def test_the_co_signers_of_an_opinion_piece_are_credits():
    text = "Het moet anders, meent Jan de Boer. Mede ondertekend door: Anna Bos en Piet Kok."
    assert facets(text)["person"] == {"Jan de Boer"}


def test_a_byline_joined_to_the_paragraphs_keeps_only_its_dateline():
    text = "Het was laat. Karel de Groot Amersfoort Het bleef stil. Jan Smit zong in Volendam."
    found = facets(text)
    assert found["person"] == {"Jan Smit"}
    assert found["place"] == {"Amersfoort", "Volendam"}


def test_inhabitants_of_a_town_in_en_are_no_names():
    text = "Zo fietst elke Groninger naar het werk. Wageningers ook. Zo zei Pieter Groninger."
    assert facets(text)["person"] == {"Pieter Groninger"}


def test_an_imperative_opening_a_sentence_is_no_party():
    found = facets("Het kan anders. Denk aan de kosten. Kijk eens naar de VVD.")
    assert found["org"] == {"VVD"}
    assert facets("Denk aan Denk, zei hij: de partij Denk won.")["org"] == {"Denk"}


def test_the_town_an_organisation_is_in_is_no_part_of_its_name():
    text = "Ze studeerde aan de Hogeschool voor de Kunsten in Utrecht en in Gouda."
    found = facets(text)
    assert found["org"] == {"Hogeschool voor de Kunsten"}
    assert found["place"] == {"Utrecht", "Gouda"}


def test_a_noun_after_a_name_and_a_comma_says_what_it_is():
    text = (
        "Zonnig Zeist, een energiecoöperatie uit de wijk, wil panelen. Ze keek op Woonwijzer, "
        "de huizensite. Pieter Jansen, oprichter van de stichting, zweeg. Buitenhof, het "
        "tv-programma, begon."
    )
    found = facets(text)
    assert found["org"] == {"Zonnig Zeist", "Woonwijzer"}
    assert found["person"] == {"Pieter Jansen"}


def test_an_acronym_after_the_name_it_abbreviates_is_its_alias():
    text = "De brief kwam van de Dienst Uitvoering Onderwijs Duo. Jan Peter Balkenende JPB."
    found = facets(text)
    assert found["org"] == {"Dienst Uitvoering Onderwijs"}


def test_a_name_glued_to_a_building_or_town_part_noun_is_a_place():
    text = "Ze liepen van de Westerkerk naar de Brinktoren en het Spijkerkwartier. Verkerk zweeg."
    found = facets(text)
    assert found["place"] == {"Westerkerk", "Brinktoren", "Spijkerkwartier"}


def test_a_compass_point_before_a_known_place_is_a_place():
    text = "In 1944 werd West-Brabant bevrijd. De politie Noord-Nederland zocht."
    found = facets(text)
    assert found["place"] == {"West-Brabant", "Noord-Nederland"}
    assert found["person"] == set()


def test_a_hyphenated_common_noun_after_a_first_name_is_no_surname():
    text = "In de winkel lag een Greta Thunberg-pop naast een knuffel. Hans de Boer keek."
    found = facets(text)
    assert "Greta Thunberg-pop" not in found["person"]
    assert "Hans de Boer" in found["person"]


def test_a_day_week_or_meeting_in_one_word_is_an_event():
    text = "Op de Klimaatactiedag liepen ze naar de Noordpool. Op de Klimaattop sprak ze."
    found = facets(text)
    assert found["person"] == found["org"] == set()
    assert found["place"] == {"Noordpool"}


def test_van_opening_a_sentence_before_a_first_name_is_the_preposition():
    text = "Het boek van haar is dik. Van Greta kwam geen antwoord. Greta Thunberg zweeg. Van Dijk."
    found = facets(text)
    assert found["person"] == {"Greta Thunberg", "Van Dijk"}


def test_coordinated_first_names_share_the_surname():
    found = facets("Jan en Piet de Vries kwamen naar Utrecht. Anna en Utrecht bleven.")
    assert found["person"] == {"Jan de Vries", "Piet de Vries", "Anna"}


def test_a_capitalised_cue_noun_opening_a_sentence_types_the_name_after_it():
    text = (
        "Appartementencomplex Zeezicht werd opgeleverd. Vishandel Rillman sloot. Het zei "
        "minister van Handel Anup Wadhawan."
    )
    found = facets(text)
    assert found["place"] == {"Zeezicht"}
    assert found["org"] == {"Rillman"}  # not ``Anup Wadhawan`` after ``Handel``


def test_a_letters_page_in_one_paragraph_drops_each_signature():
    text = (
        "Wij fietsen graag door het bos. Harm Kooistra Zutphen Meer bankjes graag "
        "Het park mist zitplaatsen, vindt iedereen. Anna de Wit, Lochem Hondenpoep overal "
        "Ruim het op. Gerrit Mulder Deventer"
    )
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == set()


def test_a_letters_page_signature_may_open_with_initials():
    text = (
        "Wij fietsen graag door het bos. J.P. Kooistra Zutphen Meer bankjes graag "
        "Het park mist zitplaatsen. Harm Mulder Deventer"
    )
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == set()


def test_one_name_and_town_opening_the_text_stays_a_dateline():
    found = facets("Daar gaat het om. Piet Kooistra Zutphen Er kwamen veel mensen.")
    assert found["place"] == {"Zutphen"}


def test_author_lines_and_photo_agency_credits_are_no_names():
    text = (
        "De trein reed niet. Geschreven door Anna Bos en Piet Dijk. Greta Thunberg sprak. "
        "De wolken hingen laag. Jan Visser Images/Nachtlicht via Getty Images Wanneer het "
        "regent, wacht men. Het dorp zweeg. Kees Bakker/ANP Daarna sprak Mark Rutte."
    )
    assert facets(text)["person"] == {"Greta Thunberg", "Mark Rutte"}


def test_travel_firms_and_shelters_are_organisations_by_their_head_word():
    text = (
        "De reis ging met Hendriksen Reizen en Flevo Tours naar het zuiden. "
        "Touroperator Baaksma boekte. De vogels gingen naar Vogelopvang Het Nest."
    )
    found = facets(text)
    assert {"Hendriksen Reizen", "Flevo Tours"} <= found["org"]
    assert found["person"] == set()


def test_a_party_member_noun_names_the_party_not_the_person():
    found = facets("Volgens SGP'er Kees van der Staaij klopt het. Twee PVV’ers stemden tegen.")
    assert found["person"] == {"Kees van der Staaij"}
    assert found["org"] == {"SGP", "PVV"}


def test_streets_and_neighbourhoods_named_in_one_word_are_places():
    text = (
        "De auto crashte op de Veerkade. Daarna reed hij over de Buitensingel naar de "
        "Bloemenbuurt. Wachtwoord vergeten? Snelweg dicht."
    )
    found = facets(text)
    assert found["place"] == {"Veerkade", "Buitensingel", "Bloemenbuurt"}
    assert found["person"] == set()


def test_a_noun_in_brackets_after_a_name_says_what_it_is():
    text = (
        "Volgens Kelvar (een kleine Vlaamse jeugdvereniging, red.) klopt het. Later zei "
        "Kelvar dat niemand kwam. Ook Jansma (64) zweeg."
    )
    found = facets(text)
    assert found["org"] == {"Kelvar"}
    assert found["person"] == {"Jansma"}


def test_english_connectors_hold_a_name_together():
    found = facets("Steun komt van organisaties als Mothers for Climate. Rutte of Kaag wint.")
    assert found["org"] == {"Mothers for Climate"}
    assert found["person"] == {"Rutte", "Kaag"}


def test_a_surname_that_looks_like_a_town_is_the_person_named_in_full():
    text = (
        "Het moet anders, zegt Ardo Brummen, directeur bij de stichting. Volgens hem "
        'kan het, stelt Brummen. Brummen: "Wij gaan door." In Zwolle bleef het stil.'
    )
    found = facets(text)
    assert found["person"] == {"Ardo Brummen"}
    assert found["place"] == {"Zwolle"}


def test_a_portfolio_alone_is_the_ministry_after_a_minister_a_post():
    text = (
        "Gisteren meldde Binnenlandse Zaken dat het klopt. Een woordvoerder van Defensie "
        "zweeg. Minister Vos van Financiën en Ollongren (Justitie) spraken in de commissie "
        "Onderwijs. Justitie vervolgt hem."
    )
    found = facets(text)
    assert found["org"] == {"Binnenlandse Zaken", "Defensie"}
    assert found["person"] == {"Vos", "Ollongren"}


def test_a_ministry_is_one_facet_value_named_in_full():
    text = (
        "Een ambtenaar van het ministerie van Sociale Zaken belde. Later zweeg Sociale Zaken. "
        "Het ministerie van Onderwijs, Cultuur en Wetenschap opende een loket, net als het "
        "Ministerie van Volksgezondheid, Welzijn en Sport."
    )
    assert facets(text)["org"] == {
        "ministerie van Sociale Zaken",
        "ministerie van Onderwijs, Cultuur en Wetenschap",
        "Ministerie van Volksgezondheid, Welzijn en Sport",
    }


def test_a_ministry_and_its_longer_new_name_are_one_ministry():
    text = (
        "Tot de herindeling heette het ministerie van Economische Zaken zo. Sindsdien heet "
        "het ministerie van Economische Zaken en Klimaat anders."
    )
    assert facets(text)["org"] == {"ministerie van Economische Zaken en Klimaat"}


def test_a_middle_initial_does_not_end_the_name():
    text = (
        "Oud-president Harold T. Winterbourne sprak met Marieke J. Roosevelt. Later zei "
        "Winterbourne dat het goed ging. Het boek van Jan P. Daarna viel het stil."
    )
    assert facets(text)["person"] == {
        "Harold T. Winterbourne",
        "Marieke J. Roosevelt",
        "Jan P.",
    }


def test_cafes_restaurants_and_nightclubs_are_venues():
    text = (
        "Het optreden is in eetcafé Kwakkel aan de Dorpsstraat. Later opent restaurant De "
        "Groene Lantaarn. Vanaf het terras van Café de Unie zag je de nachtclub Club Nova."
    )
    found = facets(text)
    assert {"Kwakkel", "De Groene Lantaarn", "Café de Unie", "Club Nova"} <= found["place"]
    assert found["org"] == set()
    assert found["person"] == set()


def test_a_plural_cue_before_names_is_no_part_of_them():
    text = (
        "Het plan van Wethouders Brinkhorst en Van Aalst-Dekker stuitte op verzet. "
        "Ze wandelden door Presidents Park. De spelers Eerlijk is eerlijk: het was goed."
    )
    found = facets(text)
    assert found["person"] == {"Brinkhorst", "Van Aalst-Dekker"}
    assert found["place"] == {"Presidents Park"}


def test_an_organisation_compound_holds_the_words_after_voor_or_van():
    text = (
        "De Geschillenraad voor de Binnenvaart oordeelde. Ook de Belastingdienst "
        "zweeg. De Wever zei niets, meldde Bart De Wever."
    )
    found = facets(text)
    assert found["org"] == {"Geschillenraad voor de Binnenvaart", "Belastingdienst"}
    assert found["person"] == {"Bart De Wever"}


def test_countries_after_tegen_in_a_match_report_are_teams():
    sport = (
        "Na de kwartfinale denkt de bondscoach aan de interlands tegen Noorwegen en "
        "Portugal. Het elftal vliegt daarna naar Lissabon."
    )
    found = facets(sport)
    assert found["org"] == {"Noorwegen", "Portugal"}
    assert found["place"] == {"Lissabon"}
    politics = "De regering protesteert tegen Noorwegen en Portugal."
    assert facets(politics)["place"] == {"Noorwegen", "Portugal"}


def test_names_listed_after_a_plural_organisation_head_are_organisations():
    text = (
        "Ook hogescholen als Windesheim en Saxion doen mee, net als topuniversiteiten "
        "zoals Princeton en Dublin."
    )
    found = facets(text)
    assert found["org"] == {"Windesheim", "Saxion", "Princeton", "Dublin"}
    assert found["place"] == set()


def test_the_west_as_a_notion_is_no_place():
    text = "Het Westen kijkt toe terwijl Rusland en het Westen praten over het Midden-Oosten."
    assert facets(text)["place"] == {"Rusland", "Midden-Oosten"}


def test_a_centre_named_after_a_person_is_an_organisation():
    text = "Het Johanna Veldkamp Centrum onderzocht hem, meldde Johanna Veldkamp."
    found = facets(text)
    assert found["org"] == {"Johanna Veldkamp Centrum"}
    assert found["person"] == {"Johanna Veldkamp"}


def test_a_name_no_rule_types_with_a_frequent_word_anywhere_is_weak():
    text = "Op de markt stond de kraam van Zolvado Express naast Ixara Tamunde, die sprak."
    found = facets(text)
    assert found["person"] == {"Ixara Tamunde"}
    assert found["org"] == found["place"] == set()
    # the document typing the same name elsewhere still keeps it
    assert facets("Het bedrijf Zolvado Express opende. Zolvado Express groeit.")["org"] == {
        "Zolvado Express"
    }


def test_a_name_only_in_the_headline_needs_a_gazetteer_entry():
    text = (
        "Zolvaro Kwint: Ixara Tamunde over de zomer in Utrecht\n\n"
        "De zomer was heet, schrijft de columnist. Het water in de grachten stond laag."
    )
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == {"Utrecht"}
    # the body using the name supports it, and text with no headline is left alone
    assert facets(text + " Ixara Tamunde zwom toch.")["person"] == {"Ixara Tamunde"}
    assert "Ixara Tamunde" in facets(text.replace("\n\n", " "))["person"]


def test_one_word_typed_by_its_own_shape_alone_needs_a_second_mention():
    # a name the Dutch dictionary lists, an inner capital, an organisation head glued on
    once = "Het rapport noemde Zwinkels niet. Het plan van GroenVork en het Kwekersberaad faalde."
    assert facets(once) == {"person": set(), "place": set(), "org": set()}
    twice = once + " Later kwam Zwinkels toch, en GroenVork ging failliet."
    assert facets(twice)["person"] == {"Zwinkels"}
    assert facets(twice)["org"] == {"GroenVork"}
    # a cue, or a typed name it is listed with, is evidence enough
    assert facets("Het rapport noemde Zwinkels en Jan Smit.")["person"] == {"Zwinkels", "Jan Smit"}
    assert facets("Het rapport noemde minister Zwinkels.")["person"] == {"Zwinkels"}


def test_a_dictionary_name_after_a_place_cue_stays_a_person_when_used_twice():
    text = "De bal ging naar Zwinkels. Later scoorde Zwinkels zelf."
    assert facets(text) == {"person": {"Zwinkels"}, "place": set(), "org": set()}


def test_a_letters_page_drops_signatures_whose_writer_or_town_no_list_knows():
    # two listed signatures make it a letters page; then a capitalised run of three or
    # more words after a letter's last sentence is a signature too, less the next headline
    text = (
        "Wij fietsen graag door het bos. Harm Kooistra Zutphen Meer bankjes graag "
        "Het park mist zitplaatsen. Wobbe Trilsma Oosterhaarnekamp Nooit meer "
        "Het gras is te lang. Anna de Wit Deventer"
    )
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == set()


def test_a_single_signature_with_initials_a_comma_and_a_full_stop_is_no_name():
    text = "Dat moet anders. L. Kooistra, Zutphen. Sluit de weg af, want die is gevaarlijk."
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == set()


def test_a_panel_of_other_news_after_the_article_is_boilerplate():
    text = (
        "Het klimaatprotest trok veel mensen. Volg hier het belangrijkste nieuws van vandaag. "
        "In Kampen botste een bus op de Sluisbrug van Henk Dormaal."
    )
    assert facets(text) == {"person": set(), "place": set(), "org": set()}


def test_a_town_shaped_like_an_adjective_or_inhabitants_is_a_place():
    found = facets("Zij verhuisde van Vianen naar Spijkenisse. De Spijkenisse haven is klein.")
    assert found["place"] == {"Vianen", "Spijkenisse"}
    assert facets("Het Amsterdamse bestuur en de Cubanen zwegen.")["place"] == set()


def test_hospitals_are_organisations_and_cinemas_theatres_and_hotels_places():
    text = (
        "Ze lag in ziekenhuis Vredeoord. Later sprak Vredeoord van een fout. De film draait "
        "in bioscoop Zonnekijk en in hotel Duinzicht."
    )
    found = facets(text)
    assert found["org"] == {"Vredeoord"}
    assert found["place"] == {"Zonnekijk", "Duinzicht"}
    assert found["person"] == set()


def test_a_street_or_bridge_named_after_someone_is_a_place():
    text = (
        "Zij woont aan de Karel Doormanlaan. De Hendrik Lorentzbrug ging open. De aanleg "
        "van de Kruisbergseweg, zegt Jan Verlaan, duurt lang."
    )
    found = facets(text)
    assert found["place"] == {"Karel Doormanlaan", "Hendrik Lorentzbrug", "Kruisbergseweg"}
    assert found["person"] == {"Jan Verlaan"}


def test_a_lowercase_place_label_ending_the_headline_is_that_place():
    found = facets("Nieuwe brug gaat open. bergen op zoom\n\nDe brug over de haven is klaar.")
    assert found["place"] == {"Bergen op Zoom"}
    # a label that is a Dutch word, or names no known place, is no facet
    assert facets("Nieuwe kleren. mode\n\nDe jassen zijn lang.")["place"] == set()
    assert facets("Nieuwe kleren. uitgelicht\n\nDe jassen zijn lang.") == {
        "person": set(), "place": set(), "org": set()}  # fmt: skip
    # text without a headline line is left alone
    assert facets("De brug gaat open. bergen op zoom")["place"] == set()


def test_a_street_named_after_a_date_keeps_its_day():
    text = "De markt staat op het 12 Augustusplein, vlak bij de 3 Meistraat. In 2019 Meistraat."
    assert facets(text)["place"] == {"12 Augustusplein", "3 Meistraat", "Meistraat"}


def test_a_ministry_written_in_lowercase_is_the_ministry():
    text = (
        "Dat staat in een nota die het ministerie van justitie en veiligheid maakte. Het "
        "ministerie van het noorden bestaat niet."
    )
    found = facets(text)
    assert found["org"] == {"ministerie van Justitie en Veiligheid"}
    assert found["person"] == found["place"] == set()


def test_a_middle_initial_before_particles_does_not_end_the_name():
    found = facets("De rol van Karel J. van der Steen werd groter, zei de raad.")
    assert found["person"] == {"Karel J. van der Steen"}
    assert found["place"] == set()


def test_a_hyphenated_surname_cut_to_its_initial_keeps_its_full_stop():
    text = "De rechter hoorde Youssef El-K. gisteren. Volgens de aanklager loog hij."
    assert facets(text)["person"] == {"Youssef El-K."}


def test_a_request_signed_with_a_phone_number_or_a_handle_is_no_name():
    text = (
        "Wie repareert mijn oude naaimachine? Ik betaal graag een taart. Karin Wolters, "
        "karwol7 Wie heeft nog oude treinkaartjes? Ik ruil ze graag. Jan Brinkhuis, Hengelo, "
        "074 123 4567 Gevraagd: een fietskar voor twee kinderen. Gerda Oostveen-Dam, gerdao"
    )
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == set()
    # a comma before a role or a clause parts no signature
    text = "Het bleef stil. Karin Wolters, directeur Fietsersbond Utrecht, sprak."
    assert facets(text)["person"] == {"Karin Wolters"}


def test_a_single_letter_closed_by_name_and_town_without_a_comma_is_signed():
    text = "Een praatje\n\nEen praatje maakt het verschil. Praat met elkaar. Marco Jansen Zwolle\n"
    found = facets(text)
    assert found["person"] == set()
    assert found["place"] == set()


def test_a_town_after_an_organisation_head_stays_in_its_name():
    text = "Onderzoeker Sanne Visser van de Universiteit Groningen schreef het rapport."
    found = facets(text)
    assert found["person"] == {"Sanne Visser"}
    assert found["org"] == {"Universiteit Groningen"}
    assert found["place"] == set()


def test_an_unlisted_acronym_and_a_town_are_one_organisation():
    # ``Namens``, ``Tegenover`` opening a sentence are prepositions, no part of the name
    found = facets("Het bleef onrustig. Namens KRV Deventer sprak een woordvoerder.")
    assert found["org"] == {"KRV Deventer"}
    assert found["place"] == set()


def test_city_roads_european_routes_and_tunnels_are_places():
    text = (
        "Vrachtwagens rijden om via de S114 en de E19. De Jan Dekkertunnel gaat dicht, "
        "net als het Maria Hoopviaduct."
    )
    found = facets(text)
    assert found["place"] == {"S114", "E19", "Jan Dekkertunnel", "Maria Hoopviaduct"}
    assert found["person"] == found["org"] == set()


def test_two_names_listed_with_en_after_an_organisation_head_stay_apart():
    text = "Het rapport is klaar. Kabinet en Eerste Kamer moeten nu kiezen, zei de Raad."
    assert "Eerste Kamer" in facets(text)["org"]
    assert not any(" en " in name for name in facets(text)["org"])


def test_an_organisation_name_after_the_sentences_article_holds_en():
    text = "De Dienst voor Bodem en Water (DBW) onderzoekt de lekkage."
    assert facets(text)["org"] == {"DBW"}
    assert facets(text)["person"] == facets(text)["place"] == set()


def test_a_sea_gulf_or_strait_of_a_place_is_one_place():
    text = "De tanker voer door de Golf van Oman naar de Zee van Marmara."
    assert facets(text)["place"] == {"Golf van Oman", "Zee van Marmara"}


def test_an_adjective_of_a_place_after_de_is_no_part_of_the_name():
    text = "Met die oproep wist Marta Kovacova de Slowaakse kiezer te lokken."
    assert facets(text)["person"] == {"Marta Kovacova"}
