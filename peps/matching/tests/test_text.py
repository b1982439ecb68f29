from peps.matching.text import analyze, keyword_set, stem, surface_words, term_weights


def test_accents_and_case_are_folded():
    assert analyze("ÉCONOMIE Sociale") == analyze("economie sociale")


def test_stop_words_and_numbers_are_dropped():
    assert analyze("Nous cherchons un local de 50 m² pour le mardi") == ["local", "mard"]


def test_plural_and_inflected_forms_share_a_stem():
    assert stem("associations") == stem("associatif")[: len(stem("associations"))]
    assert analyze("bénévoles") == analyze("bénévole")
    assert analyze("soirées") == analyze("soir")


def test_domain_synonyms_meet():
    assert analyze("salle") == analyze("locaux") == analyze("local")
    assert analyze("fourgon") == analyze("camion") == analyze("véhicule")
    assert analyze("comptable") == analyze("comptabilité")


def test_title_words_weigh_double():
    weights = term_weights("Salle de réunion", "Une salle lumineuse")
    assert weights[stem("salle")] == 3
    assert weights[stem("lumineuse")] == 1


def test_surface_words_keep_the_written_word_for_reasons():
    assert surface_words("Grande salle en soirée")[stem("soiree")] == "soirée"


def test_keyword_set_does_not_stem():
    assert keyword_set("Salles associatives") == {"salles", "associatives"}


def test_empty_text_gives_no_terms():
    assert analyze("") == []
    assert analyze(None) == []
