-- The same database for MariaDB (@n set by the caller), with the Sequence engine.
CREATE TABLE Users (Account varchar(128), OtherEmail varchar(128), DateCreate datetime);
INSERT INTO Users SELECT CONCAT('user', seq, '@isp.example'),
  IF(seq % 10 = 0, CONCAT('User', seq, '@Home.example'), NULL),
  TIMESTAMP '2006-01-01 00:00:00' + INTERVAL seq SECOND
FROM seq_1_to_@N;
CREATE TABLE UserSession (Account varchar(128), LastLogin int);
INSERT INTO UserSession SELECT CONCAT('user', seq, '@isp.example'), 1172750400 + seq % 86400 FROM seq_1_to_@N;
CREATE TABLE Abook_a (id int, Account varchar(128), UserEmail varchar(255), UserEmail2 varchar(255),
  UserEmail3 varchar(255), UserEmail4 varchar(255), UserEmail5 varchar(255), DateAdded datetime);
INSERT INTO Abook_a SELECT g, CONCAT('user', g % @N + 1, '@isp.example'),
  CASE g % 4
    WHEN 0 THEN CONCAT('Friend ', c, ' <friend', c, '@example.com>')
    WHEN 1 THEN CONCAT('FRIEND', c, '@Example.COM')
    WHEN 2 THEN CONCAT('"Doe, J', c, '" <friend', c, '@example.com>')
    ELSE CONCAT('friend', c, '@mail', c % 100, '.example.org') END,
  IF(g % 5 = 0, CONCAT('user', c % @N + 1, '@isp.example'), NULL),
  NULL, NULL, NULL, TIMESTAMP '2006-06-01 00:00:00' + INTERVAL g SECOND
FROM (SELECT seq AS g, (seq * 7919) % (3 * @N) AS c FROM seq_1_to_@ABOOK) s;
CREATE TABLE Log_SendMail (id int, Account varchar(128), LogMsg varchar(64), LogDate datetime);
INSERT INTO Log_SendMail SELECT g, CONCAT('user', g % @N + 1, '@isp.example'),
  SUBSTR(CONCAT('10.0.0.1:friend', c, '@example.com, Jo <friend', c + 1, '@example.com> cc', c, '@example.net'), 1, 64),
  TIMESTAMP '2007-03-01 00:00:00' + INTERVAL g SECOND
FROM (SELECT seq AS g, (seq * 104729) % (3 * @N) AS c FROM seq_1_to_@SENT) s;
