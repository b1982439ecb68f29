"""Content of the network demo: the fiches of POLLENS, of the museums network and of a
fictional pôle de compétitivité, from the facts of DOMAIN.md and the source study."""

# The 2012 regions of the CSV, mapped to today's region codes (the 2016 merger), so that a
# place name is looked up in the right region (there are two Castres and four Saint-Denis).
REGIONS_2012 = {
    "Alsace": "44",
    "Aquitaine": "75",
    "Auvergne": "84",
    "Basse-Normandie": "28",
    "Bourgogne": "27",
    "Bretagne": "53",
    "Centre": "24",
    "Champagne-Ardenne": "44",
    "Franche-Comté": "27",
    "Haute-Normandie": "28",
    "Île-de-France": "11",
    "Languedoc-Roussillon": "76",
    "Limousin": "75",
    "Lorraine": "44",
    "Midi-Pyrénées": "76",
    "Nord-Pas-de-Calais": "32",
    "Pays de la Loire": "52",
    "Picardie": "32",
    "Poitou-Charentes": "75",
    "Provence-Alpes-Côte d'Azur": "93",
    "Rhône-Alpes": "84",
}

PARTICIPATION_2012 = (
    "A participé en 2012 à l’élaboration du référentiel PTCE (questionnaire en ligne du Labo de l’ESS "
    "et des réseaux partenaires)."
)
NOTES = {
    "quoted in the source study as one of the most developed PTCE": (
        "Cité par l’étude de référence comme l’un des PTCE les plus développés."
    ),
}

# Fictional poles that complete the network to 29 PTCE (slug suffix, theme names).
EXTRA_PTCE_THEMES = [
    ["Alimentation", "Circuits courts"],
    ["Mobilité"],
    ["Réemploi et recyclage"],
    ["Énergie"],
    ["Services à la personne"],
    ["Culture"],
    ["Habitat"],
    ["Alimentation", "Insertion par l’activité économique"],
    ["Tourisme"],
    ["Numérique"],
    ["Réemploi et recyclage", "Insertion par l’activité économique"],
]
EXTRA_PTCE_COUNT = len(EXTRA_PTCE_THEMES)

COMPETITIVE_SLUG = "pole-competitivite-textile-demo"
COMPETITIVE_NAME = "Pôle de compétitivité Textile démo"

POLLENS_PROFILE = {
    "purposes": (
        "Développement local durable du Roannais par l’économie sociale et solidaire. Quatre missions : "
        "fédérer les acteurs de l’ESS ; développer leurs activités et leurs stratégies collectives ; "
        "accompagner les nouvelles activités ; promouvoir l’ESS et animer un centre de ressources."
    ),
    "approach": "bottom_up",
    "innovation_kind": "social",
    "innovation": (
        "Temps d’échange entre les porteurs de projets accompagnés ; Bourses aux projets ouvertes à tous, où "
        "un porteur présente l’avancée de son projet à des personnes ressources ; espace ressources partagé."
    ),
    "funding": (
        "À la création : 9 % de cotisations des membres, le reste public (Roannais Agglomération pour trois ans, "
        "Fonds social européen pour les premiers mois). Objectif : réduire la dépendance aux collectivités."
    ),
    "actors": (
        "Une quarantaine de structures membres début 2013 (associations, coopératives, structures d’insertion, "
        "entreprises adaptées, PME responsables), des institutions, des organismes de formation, "
        "l’enseignement supérieur et des citoyens."
    ),
    "governance": (
        "Association. Conseil d’administration de trois collèges : acteurs de l’ESS (6 sièges), réseaux et "
        "collectivités locales (3 sièges), société civile (3 sièges) ; il se réunit toutes les six semaines. "
        "Trois commissions (actions, communication, finances) ouvertes aux non-administrateurs et à des "
        "structures extérieures."
    ),
    "territory_relation": (
        "Le pôle est une ressource pour le territoire : l’arrondissement de Roanne, environ 158 000 habitants, "
        "ancien bassin textile en reconversion."
    ),
    "context": (
        "Roannais : industrie textile en reconversion ; l’ESS représente 12,1 % des emplois (environ 5 520 "
        "salariés en 2010). Association créée avec le soutien de Roannais Agglomération."
    ),
    "objectives": (
        "Fédérer, développer, accompagner (en orientant les porteurs vers les réseaux régionaux "
        "d’accompagnement plutôt que de les doubler), promouvoir."
    ),
    "citizens_and_firms_role": (
        "Les structures de l’ESS adhèrent et siègent au conseil ; les citoyens participent par le collège de la "
        "société civile, les commissions ouvertes, les Bourses aux projets et les temps d’échange."
    ),
    "institutions_role": (
        "Roannais Agglomération a soutenu la création et finance les trois premières années ; le Fonds social "
        "européen a financé les premiers mois ; les réseaux régionaux reçoivent les porteurs orientés."
    ),
    "evolution": (
        "Six premiers mois : 47 structures et 150 acteurs contactés. En un an, une douzaine de personnes "
        "accompagnées en émergence (moitié activités marchandes, moitié associatives) et 15 demandes de "
        "structures existantes."
    ),
    "organisation": (
        "Espace ressources (bibliothèque, matériel audiovisuel et de bureau, salle d’échange) prêté aux réseaux "
        "et aux citoyens, où d’autres structures tiennent des permanences. Site web, lettre d’information, "
        "Rencontres solidaires en Roannais, formations (Certificat de gestion à la vie associative)."
    ),
}
POLLENS_THEMES = ["Économie sociale et solidaire", "Accompagnement de projets", "Formation", "Mutualisation"]

PATRIMOINES_PROFILE = {
    "purposes": (
        "Faire connaître et transmettre les patrimoines du bassin de vie roannais, et construire de nouvelles "
        "formes de partenariat autour des musées."
    ),
    "approach": "bottom_up",
    "innovation_kind": "social",
    "innovation": (
        "Un réseau sans structure juridique, lié par une charte et ouvert aux partenaires non muséaux ; une "
        "plateforme web commune."
    ),
    "actors": (
        "Douze musées (5 musées de France, 6 musées associatifs, 1 en préparation) et leurs partenaires : "
        "artistes, compagnies de théâtre, associations culturelles, entreprises, offices de tourisme, "
        "chercheurs, organismes de formation, citoyens."
    ),
    "governance": "Pas de structure juridique : une charte et des réunions plénières ouvertes.",
    "territory_relation": (
        "Le bassin de vie, qui traverse les frontières administratives : vers le Charolais-Brionnais "
        "(Saône-et-Loire), Thizy et Amplepuis (Rhône), la Montagne bourbonnaise (Allier), Montbrison."
    ),
    "objectives": (
        "Rassembler les musées sur un portail, présenter les projets en cours, ouvrir des débats dans un forum, "
        "recueillir des idées de projets culturels et patrimoniaux, construire de nouveaux partenariats."
    ),
    "organisation": "Réunions plénières ouvertes à tous les membres ; une animation commune.",
}
PATRIMOINES_THEMES = ["Patrimoine", "Culture", "Tourisme"]

COMPETITIVE_PROFILE = {
    "purposes": "Croissance économique de la filière textile technique (pôle fictif, décrit pour contraste).",
    "approach": "top_down",
    "innovation_kind": "technological",
    "innovation": "Innovation technologique : projets de recherche et développement collaboratifs.",
    "funding": "État, collectivités locales, programmes nationaux de recherche.",
    "actors": "Groupes industriels, PME de la filière, organismes nationaux de recherche.",
    "governance": "Entreprises, experts et élus ; une gouvernance technocratique.",
    "territory_relation": "Un tremplin : le territoire est une ressource pour le pôle.",
    "context": "Labellisé par l’État dans le cadre de la politique nationale des pôles de compétitivité.",
    "objectives": "Compétitivité des entreprises de la filière, projets de R&D, accès aux marchés.",
    "citizens_and_firms_role": "Les entreprises portent les projets ; les citoyens n’y ont pas de place.",
    "institutions_role": "L’État labellise et finance ; les collectivités cofinancent.",
}
COMPETITIVE_THEMES = ["Textile technique", "Industrie"]
