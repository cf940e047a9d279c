"""The 54 municipalities of North Rhine-Westphalia that run a KIZ: name, kind, official key, government region.

31 Kreise (the StädteRegion Aachen among them), 22 kreisfreie Städte, and the city of Aachen, which belongs to
the StädteRegion but runs its own KIZ and is treated like a kreisfreie Stadt (Aachen-Gesetz).
"""

from .models import Municipality

K = Municipality.Kind.KREIS
S = Municipality.Kind.KREISFREIE_STADT
R = Municipality.Kind.STAEDTEREGION
D = Municipality.District

NRW_MUNICIPALITIES: list[tuple[str, str, str, str]] = [
    # Regierungsbezirk Düsseldorf
    ("Düsseldorf", S, "05111000", D.DUESSELDORF),
    ("Duisburg", S, "05112000", D.DUESSELDORF),
    ("Essen", S, "05113000", D.DUESSELDORF),
    ("Krefeld", S, "05114000", D.DUESSELDORF),
    ("Mönchengladbach", S, "05116000", D.DUESSELDORF),
    ("Mülheim an der Ruhr", S, "05117000", D.DUESSELDORF),
    ("Oberhausen", S, "05119000", D.DUESSELDORF),
    ("Remscheid", S, "05120000", D.DUESSELDORF),
    ("Solingen", S, "05122000", D.DUESSELDORF),
    ("Wuppertal", S, "05124000", D.DUESSELDORF),
    ("Kreis Kleve", K, "05154000", D.DUESSELDORF),
    ("Kreis Mettmann", K, "05158000", D.DUESSELDORF),
    ("Rhein-Kreis Neuss", K, "05162000", D.DUESSELDORF),
    ("Kreis Viersen", K, "05166000", D.DUESSELDORF),
    ("Kreis Wesel", K, "05170000", D.DUESSELDORF),
    # Regierungsbezirk Köln
    ("Bonn", S, "05314000", D.KOELN),
    ("Köln", S, "05315000", D.KOELN),
    ("Leverkusen", S, "05316000", D.KOELN),
    ("StädteRegion Aachen", R, "05334000", D.KOELN),
    ("Aachen", S, "05334002", D.KOELN),
    ("Kreis Düren", K, "05358000", D.KOELN),
    ("Rhein-Erft-Kreis", K, "05362000", D.KOELN),
    ("Kreis Euskirchen", K, "05366000", D.KOELN),
    ("Kreis Heinsberg", K, "05370000", D.KOELN),
    ("Oberbergischer Kreis", K, "05374000", D.KOELN),
    ("Rheinisch-Bergischer Kreis", K, "05378000", D.KOELN),
    ("Rhein-Sieg-Kreis", K, "05382000", D.KOELN),
    # Regierungsbezirk Münster
    ("Bottrop", S, "05512000", D.MUENSTER),
    ("Gelsenkirchen", S, "05513000", D.MUENSTER),
    ("Münster", S, "05515000", D.MUENSTER),
    ("Kreis Borken", K, "05554000", D.MUENSTER),
    ("Kreis Coesfeld", K, "05558000", D.MUENSTER),
    ("Kreis Recklinghausen", K, "05562000", D.MUENSTER),
    ("Kreis Steinfurt", K, "05566000", D.MUENSTER),
    ("Kreis Warendorf", K, "05570000", D.MUENSTER),
    # Regierungsbezirk Detmold
    ("Bielefeld", S, "05711000", D.DETMOLD),
    ("Kreis Gütersloh", K, "05754000", D.DETMOLD),
    ("Kreis Herford", K, "05758000", D.DETMOLD),
    ("Kreis Höxter", K, "05762000", D.DETMOLD),
    ("Kreis Lippe", K, "05766000", D.DETMOLD),
    ("Kreis Minden-Lübbecke", K, "05770000", D.DETMOLD),
    ("Kreis Paderborn", K, "05774000", D.DETMOLD),
    # Regierungsbezirk Arnsberg
    ("Bochum", S, "05911000", D.ARNSBERG),
    ("Dortmund", S, "05913000", D.ARNSBERG),
    ("Hagen", S, "05914000", D.ARNSBERG),
    ("Hamm", S, "05915000", D.ARNSBERG),
    ("Herne", S, "05916000", D.ARNSBERG),
    ("Ennepe-Ruhr-Kreis", K, "05954000", D.ARNSBERG),
    ("Hochsauerlandkreis", K, "05958000", D.ARNSBERG),
    ("Märkischer Kreis", K, "05962000", D.ARNSBERG),
    ("Kreis Olpe", K, "05966000", D.ARNSBERG),
    ("Kreis Siegen-Wittgenstein", K, "05970000", D.ARNSBERG),
    ("Kreis Soest", K, "05974000", D.ARNSBERG),
    ("Kreis Unna", K, "05978000", D.ARNSBERG),
]


def centre_name(municipality_name: str) -> str:
    return f"Kommunales Integrationszentrum {municipality_name}"
