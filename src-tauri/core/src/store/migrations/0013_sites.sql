-- Migration 13: a source's site read more carefully (migration 11's view cut an address
-- with a login at its first ":", took an address inside a schemeless text, and kept
-- "www." on a publisher). The host of an address with a scheme (login, port and a
-- trailing dot left out, an IPv6 host kept in its brackets), else the publisher; ASCII
-- letters in lower case, "www." and a trailing dot dropped, either way. `grades.rs`
-- `site_key` reads a typed site by the same rules. The view reads it; `sources.site`
-- keeps it, set by triggers when a source is added or its address or publisher change,
-- so that a query reading grades does not carry the view's reading (never synced: every
-- desktop reads the same site from the same address).
DROP VIEW source_reliability;
DROP VIEW source_sites;

CREATE VIEW source_sites (source_id, site) AS
    SELECT id, CASE WHEN named = '' THEN NULL ELSE named END
      FROM (SELECT id,
                   rtrim(CASE WHEN lowered LIKE 'www.%' THEN substr(lowered, 5) ELSE lowered END, '.') AS named
              FROM (SELECT id,
                           lower(CASE WHEN coalesce(host, '') <> '' THEN host ELSE trim(coalesce(publisher, '')) END) AS lowered
                      FROM (SELECT id, publisher,
                                   CASE WHEN authority IS NULL THEN NULL
                                        WHEN authority LIKE '[%' AND instr(authority, ']') > 0
                                             THEN substr(authority, 1, instr(authority, ']'))
                                        ELSE substr(authority, 1, instr(authority || ':', ':') - 1) END AS host
                              FROM (SELECT id, publisher,
                                           CASE WHEN rest IS NULL THEN NULL
                                                WHEN instr(rest, '@') > 0 THEN substr(rest, instr(rest, '@') + 1)
                                                ELSE rest END AS authority
                                      FROM (SELECT id, publisher,
                                                   CASE WHEN scheme IS NULL THEN NULL
                                                        ELSE substr(after, 1, min(instr(after || '/', '/'), instr(after || '?', '?'),
                                                                                  instr(after || '#', '#')) - 1) END AS rest
                                              FROM (SELECT id, publisher, scheme,
                                                           substr(url, length(scheme) + 4) AS after
                                                      FROM (SELECT id, publisher, url,
                                                                   CASE WHEN instr(coalesce(url, ''), '://') > 1
                                                                         AND substr(url, 1, instr(url, '://') - 1) NOT GLOB '*[^A-Za-z0-9+.-]*'
                                                                         AND substr(url, 1, 1) GLOB '[A-Za-z]'
                                                                        THEN substr(url, 1, instr(url, '://') - 1) END AS scheme
                                                              FROM sources)))))));

ALTER TABLE sources ADD COLUMN site TEXT;
UPDATE sources SET site = (SELECT site FROM source_sites WHERE source_id = sources.id);
CREATE INDEX sources_site ON sources (site);
CREATE TRIGGER sources_site_insert AFTER INSERT ON sources BEGIN
    UPDATE sources SET site = (SELECT site FROM source_sites WHERE source_id = new.id) WHERE id = new.id;
END;
CREATE TRIGGER sources_site_update AFTER UPDATE OF url, publisher ON sources BEGIN
    UPDATE sources SET site = (SELECT site FROM source_sites WHERE source_id = new.id) WHERE id = new.id;
END;

CREATE VIEW source_reliability (source_id, site, own, site_default, reliability) AS
    SELECT s.id, s.site, g.reliability, d.reliability, coalesce(g.reliability, d.reliability)
      FROM sources s
      LEFT JOIN source_grades g ON g.source_id = s.id
      LEFT JOIN site_grades d ON d.site = s.site;
