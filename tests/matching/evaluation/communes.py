"""The communes of the evaluation set: real INSEE codes, coordinates and intercommunality
(EPCI SIREN), copied from the territory import so that tests need no import."""

ROANNE = "42187"
RIORGES = "42184"
MABLY = "42127"
LE_COTEAU = "42071"
VILLEREST = "42332"
CHARLIEU = "42052"
RENAISON = "42182"
COMMELLE = "42069"
PERREUX = "42170"
SAINT_JUST_EN_CHEVALET = "42248"
POUILLY_SOUS_CHARLIEU = "42177"
SAINT_SYMPHORIEN_DE_LAY = "42289"
AMBIERLE = "42003"
BALBIGNY = "42011"
LA_PACAUDIERE = "42163"
SAINT_GERMAIN_LAVAL = "42230"
BELMONT = "42015"
REGNY = "42181"
SAINT_JUST_LA_PENDUE = "42249"
NEULISE = "42156"
LENTIGNY = "42120"
SAINT_ANDRE_D_APCHON = "42199"
BRIENNON = "42026"
# Not a commune: the need or offer is for the whole territory of the pole.
TERRITORY = "*"

EPCIS = {
    "200035731": "CA Roannais Agglomération",
    "200035202": "CC Charlieu-Belmont",
    "200065894": "CC de Forez-Est",
    "244200614": "CC des Vals d'Aix et Isable",
    "244200630": "CC du Pays Entre Loire et Rhône",
    "244200820": "CC du Pays d'Urfé",
}

# code: (name, latitude, longitude, EPCI)
COMMUNES = {
    "42187": ("Roanne", 46.0348091, 4.0733528, "200035731"),
    "42184": ("Riorges", 46.0415992737, 4.04476976395, "200035731"),
    "42127": ("Mably", 46.0867004395, 4.06191015244, "200035731"),
    "42071": ("Le Coteau", 46.0292672, 4.0863766, "200035731"),
    "42332": ("Villerest", 45.9964981079, 4.03742980957, "200035731"),
    "42052": ("Charlieu", 46.1594009399, 4.17174005508, "200035202"),
    "42182": ("Renaison", 46.0510151, 3.9238019, "200035731"),
    "42069": ("Commelle-Vernay", 46.000447, 4.060016, "200035731"),
    "42170": ("Perreux", 46.0382338, 4.0728341, "200035731"),
    "42248": ("Saint-Just-en-Chevalet", 45.9133987427, 3.84686994553, "244200820"),
    "42177": ("Pouilly-sous-Charlieu", 46.1439384, 4.1074419, "200035202"),
    "42289": ("Saint-Symphorien-de-Lay", 45.948115, 4.211451, "244200630"),
    "42003": ("Ambierle", 46.108608, 3.896923, "200035731"),
    "42011": ("Balbigny", 45.8188018799, 4.18381977081, "200065894"),
    "42163": ("La Pacaudière", 46.1758, 3.86704, "200035731"),
    "42230": ("Saint-Germain-Laval", 45.8293991089, 4.01115989685, "244200614"),
    "42015": ("Belmont-de-la-Loire", 46.1646879, 4.34585179999999, "200035202"),
    "42181": ("Régny", 45.989856, 4.216183, "244200630"),
    "42249": ("Saint-Just-la-Pendue", 45.8927001953, 4.24081993103, "244200630"),
    "42156": ("Neulise", 45.901852, 4.181306, "244200630"),
    "42120": ("Lentigny", 45.996304, 3.981349, "200035731"),
    "42199": ("Saint-André-d’Apchon", 46.031441, 3.931096, "200035731"),
    "42026": ("Briennon", 46.1464996338, 4.08172988892, "200035202"),
}
