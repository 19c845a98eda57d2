-- floor.sql -- the floor `make bench` holds `lape check` to: one SQL query
-- in sqlite3 that reads what the check reads (every active group with its
-- memberships and their people) and prints a line per group.  lape's
-- whole process should cost at most 1.3 times this one's (issue 12).
SELECT g.id, g.name, g.level, g.region_code,
       count(m.id), group_concat(m.sectors, ' '),
       sum(m.person_id IS NOT NULL
           AND (m.end_date IS NULL OR m.end_date >= date('now'))),
       max(p.surname), sum(m.role = 'chair')
FROM lape_group g
LEFT JOIN membership m ON m.group_id = g.id
LEFT JOIN person p ON p.id = m.person_id
WHERE g.status = 'active'
GROUP BY g.id;
