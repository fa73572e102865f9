-- An @Mail database of :n accounts for the benchmark (PostgreSQL), made on
-- the server: address books with duplicates across users, mixed case,
-- display names, quoted commas; multi-recipient sent-log fields cut at 64.
CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate timestamp);
INSERT INTO Users SELECT 'user' || g || '@isp.example',
  CASE WHEN g % 10 = 0 THEN 'User' || g || '@Home.example' END,
  timestamp '2006-01-01' + g * interval '1 second'
FROM generate_series(1, :n) g;
CREATE TABLE UserSession (Account varchar(128), LastLogin int);
INSERT INTO UserSession SELECT 'user' || g || '@isp.example', 1172750400 + g % 86400 FROM generate_series(1, :n) g;
CREATE TABLE Abook_a (id int, Account varchar(128), UserEmail varchar(255), UserEmail2 varchar(255),
  UserEmail3 varchar(255), UserEmail4 varchar(255), UserEmail5 varchar(255), DateAdded timestamp);
INSERT INTO Abook_a SELECT g, 'user' || (g % :n + 1) || '@isp.example',
  CASE g % 4
    WHEN 0 THEN 'Friend ' || c || ' <friend' || c || '@example.com>'
    WHEN 1 THEN 'FRIEND' || c || '@Example.COM'
    WHEN 2 THEN '"Doe, J' || c || '" <friend' || c || '@example.com>'
    ELSE 'friend' || c || '@mail' || (c % 100) || '.example.org' END,
  CASE WHEN g % 5 = 0 THEN 'user' || (c % :n + 1) || '@isp.example' END,
  NULL, NULL, NULL, timestamp '2006-06-01' + g * interval '1 second'
FROM (SELECT g, (g::bigint * 7919) % (3 * :n) AS c FROM generate_series(1, 6 * :n) g) s;
CREATE TABLE Log_SendMail (id int, Account varchar(128), LogMsg varchar(64), LogDate timestamp);
INSERT INTO Log_SendMail SELECT g, 'user' || (g % :n + 1) || '@isp.example',
  substr('10.0.0.1:friend' || c || '@example.com, Jo <friend' || (c + 1) || '@example.com> cc' || c || '@example.net', 1, 64),
  timestamp '2007-03-01' + g * interval '1 second'
FROM (SELECT g, (g::bigint * 104729) % (3 * :n) AS c FROM generate_series(1, 2 * :n) g) s;
ANALYZE;
