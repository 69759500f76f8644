"""Checks, in SQL, of what the database would have enforced had the triggers been on:
foreign keys, the stored counters and totals, and the rules kept by triggers.
``fouten()`` returns a description per broken rule (an empty list: all is well)."""

from __future__ import annotations

from django.db import connection

# (what, SQL counting the rows that break it)
TELLERS = [
    (
        "Inbreng.aantal_steun = aantal Steun",
        """SELECT count(*) FROM participatie_inbreng i LEFT JOIN (
               SELECT inbreng_id, count(*) n FROM participatie_steun GROUP BY inbreng_id
           ) s ON s.inbreng_id = i.id WHERE i.aantal_steun <> COALESCE(s.n, 0)""",
    ),
    (
        "Inbreng.aantal_reacties = aantal Reactie",
        """SELECT count(*) FROM participatie_inbreng i LEFT JOIN (
               SELECT inbreng_id, count(*) n FROM participatie_reactie GROUP BY inbreng_id
           ) s ON s.inbreng_id = i.id WHERE i.aantal_reacties <> COALESCE(s.n, 0)""",
    ),
    (
        "Steun nooit van de auteur zelf",
        """SELECT count(*) FROM participatie_steun s JOIN participatie_inbreng i
           ON i.id = s.inbreng_id WHERE s.user_id = i.auteur_id""",
    ),
    (
        "Sessie.aantal_aangemeld = aangemeld + aanwezig",
        """SELECT count(*) FROM participatie_sessie s LEFT JOIN (
               SELECT sessie_id, count(*) n FROM participatie_aanmelding
               WHERE status IN ('aangemeld', 'aanwezig') GROUP BY sessie_id
           ) a ON a.sessie_id = s.id WHERE s.aantal_aangemeld <> COALESCE(a.n, 0)""",
    ),
    (
        "Wachtlijst alleen bij een volle sessie",
        """SELECT count(*) FROM participatie_aanmelding a JOIN participatie_sessie s
           ON s.id = a.sessie_id
           WHERE a.status = 'wachtlijst' AND s.aantal_aangemeld < s.capaciteit""",
    ),
    (
        "Stembiljet concept_aantal/concept_totaal en aantal/totaal = de keuzes",
        """SELECT count(*) FROM participatie_stembiljet b LEFT JOIN (
               SELECT stembiljet_id,
                      count(*) FILTER (WHERE NOT bevestigd) cn,
                      COALESCE(sum(kosten) FILTER (WHERE NOT bevestigd), 0) ct,
                      count(*) FILTER (WHERE bevestigd) bn,
                      COALESCE(sum(kosten) FILTER (WHERE bevestigd), 0) bt
               FROM participatie_stemkeuze GROUP BY stembiljet_id
           ) k ON k.stembiljet_id = b.id
           WHERE b.concept_aantal <> COALESCE(k.cn, 0) OR b.concept_totaal <> COALESCE(k.ct, 0)
              OR b.aantal <> COALESCE(k.bn, 0) OR b.totaal <> COALESCE(k.bt, 0)""",
    ),
    (
        "Stemkeuze: voorstel op het stembiljet van dezelfde begroting, kosten = voorstel",
        """SELECT count(*) FROM participatie_stemkeuze k
           JOIN participatie_stembiljet b ON b.id = k.stembiljet_id
           JOIN participatie_voorstel v ON v.id = k.voorstel_id
           WHERE v.begroting_id <> b.begroting_id OR k.kosten <> v.kosten
              OR v.status NOT IN ('op_stembiljet', 'gekozen', 'niet_gekozen', 'gerealiseerd')""",
    ),
    (
        "Voorstel.aantal_stemmen = bevestigde keuzes (na de uitslag; 0 daarvoor)",
        """SELECT count(*) FROM participatie_voorstel v
           JOIN participatie_begroting g ON g.id = v.begroting_id
           LEFT JOIN (SELECT voorstel_id, count(*) n FROM participatie_stemkeuze
                      WHERE bevestigd GROUP BY voorstel_id) k ON k.voorstel_id = v.id
           WHERE v.aantal_stemmen <> CASE WHEN g.fase IN ('uitslag', 'uitvoering')
                                          THEN COALESCE(k.n, 0) ELSE 0 END""",
    ),
    (
        "Begroting.opkomst = bevestigde stembiljetten (na de uitslag; 0 daarvoor)",
        """SELECT count(*) FROM participatie_begroting g
           LEFT JOIN (SELECT begroting_id, count(*) n FROM participatie_stembiljet
                      WHERE bevestigd_op IS NOT NULL GROUP BY begroting_id) b
           ON b.begroting_id = g.id
           WHERE g.opkomst <> CASE WHEN g.fase IN ('uitslag', 'uitvoering')
                                   THEN COALESCE(b.n, 0) ELSE 0 END""",
    ),
    (
        "Een stemmer heeft een Deelname met een wijk in de ronde",
        """SELECT count(*) FROM participatie_stembiljet b
           JOIN participatie_begroting g ON g.id = b.begroting_id
           LEFT JOIN participatie_deelname d ON d.ronde_id = g.ronde_id AND d.user_id = b.user_id
           WHERE b.user_id IS NOT NULL AND (d.id IS NULL OR d.wijk_id IS NULL)""",
    ),
    (
        "Teruggekoppelde ronde: elke inbreng heeft terugkoppeling",
        """SELECT count(*) FROM participatie_inbreng i JOIN participatie_ronde r
           ON r.id = i.ronde_id LEFT JOIN participatie_terugkoppeling t ON t.inbreng_id = i.id
           WHERE r.status = 'teruggekoppeld' AND t.id IS NULL""",
    ),
    (
        "Inbreng.status volgt de terugkoppeling (zonder: nieuw)",
        """SELECT count(*) FROM participatie_inbreng i
           LEFT JOIN participatie_terugkoppeling t ON t.inbreng_id = i.id
           WHERE i.status <> COALESCE(t.status, 'nieuw')""",
    ),
    (
        "Budgetpot-totalen = bijdragen, open toewijzingen + besteed, uitgaven",
        """SELECT count(*) FROM budget_budgetpot p
           LEFT JOIN (SELECT pot_id, sum(waarde) s FROM budget_bijdrage
                      WHERE status <> 'ingetrokken' GROUP BY pot_id) b ON b.pot_id = p.id
           LEFT JOIN (SELECT pot_id, sum(CASE WHEN status IN ('voorgesteld', 'goedgekeurd')
                                             THEN bedrag WHEN status = 'besteed' THEN besteed
                                             ELSE 0 END) s
                      FROM budget_toewijzing GROUP BY pot_id) t ON t.pot_id = p.id
           LEFT JOIN (SELECT w.pot_id, sum(u.bedrag) s FROM budget_uitgave u
                      JOIN budget_toewijzing w ON w.id = u.toewijzing_id GROUP BY w.pot_id) u
           ON u.pot_id = p.id
           WHERE p.bijgedragen <> COALESCE(b.s, 0) OR p.toegewezen <> COALESCE(t.s, 0)
              OR p.besteed <> COALESCE(u.s, 0)""",
    ),
    (
        "Toewijzing.besteed = uitgaven",
        """SELECT count(*) FROM budget_toewijzing w LEFT JOIN (
               SELECT toewijzing_id, sum(bedrag) s FROM budget_uitgave GROUP BY toewijzing_id
           ) u ON u.toewijzing_id = w.id WHERE w.besteed <> COALESCE(u.s, 0)""",
    ),
    (
        "Grootboek: volgnummers 1..n en de laatste boeking = de pot",
        """SELECT count(*) FROM budget_budgetpot p JOIN LATERAL (
               SELECT count(*) n, max(volgnummer) m FROM budget_boeking WHERE pot_id = p.id
           ) c ON true
           LEFT JOIN budget_boeking l ON l.pot_id = p.id AND l.volgnummer = c.m
           WHERE c.n <> COALESCE(c.m, 0) OR l.bijgedragen_na <> p.bijgedragen
              OR l.toegewezen_na <> p.toegewezen OR l.besteed_na <> p.besteed""",
    ),
    (
        "Goedkeuring per financier van elke toewijzing",
        """SELECT count(*) FROM budget_toewijzing w WHERE (
               SELECT count(*) FROM budget_goedkeuring g WHERE g.toewijzing_id = w.id
           ) <> (SELECT count(DISTINCT organisatie_id) FROM budget_bijdrage b
                 WHERE b.pot_id = w.pot_id AND b.status <> 'ingetrokken')""",
    ),
    (
        "Objectrechten = actieve opgaverollen (opgave_permissions_sync)",
        """SELECT count(*) FROM (
               (SELECT DISTINCT user_id, opgave_id FROM opgaven_opgaverol WHERE tot IS NULL
                EXCEPT SELECT user_id, content_object_id FROM opgaven_opgaveuserobjectpermission)
               UNION ALL
               (SELECT user_id, content_object_id FROM opgaven_opgaveuserobjectpermission
                EXCEPT SELECT user_id, opgave_id FROM opgaven_opgaverol WHERE tot IS NULL)
           ) verschil""",
    ),
]


def _vreemde_sleutels(cursor, tabellen: list[str]) -> list[str]:
    """Every foreign key of ``tabellen`` that points at a missing row."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
          AND c.conrelid::regclass::text = ANY(%s)
        ORDER BY 1, 2
        """,
        [tabellen],
    )
    fouten = []
    for tabel, kolom, doel, doelkolom in cursor.fetchall():
        cursor.execute(
            f"SELECT count(*) FROM {tabel} t WHERE t.{kolom} IS NOT NULL AND NOT EXISTS "  # noqa: S608
            f"(SELECT 1 FROM {doel} d WHERE d.{doelkolom} = t.{kolom})"
        )
        if n := cursor.fetchone()[0]:
            fouten.append(f"{tabel}.{kolom} -> {doel}: {n} rijen zonder doel")
    return fouten


def fouten(tabellen: list[str] | None = None) -> list[str]:
    from config.genereer import opruimen

    tabellen = tabellen or opruimen.tabellen()
    uitkomst = []
    with connection.cursor() as cursor:
        uitkomst += _vreemde_sleutels(cursor, tabellen)
        for wat, sql in TELLERS:
            cursor.execute(sql)
            if n := cursor.fetchone()[0]:
                uitkomst.append(f"{wat}: {n} rijen kloppen niet")
    return uitkomst
