<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>DeleteDialog</name>
    <message>
        <source>Delete link?</source>
        <translation>Link löschen?</translation>
    </message>
    <message>
        <source>“%1” will be removed for everyone who uses this store.</source>
        <translation>„%1“ wird für alle entfernt, die diesen Store nutzen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>“%1” was not deleted: %2</source>
        <translation>„%1“ wurde nicht gelöscht: %2</translation>
    </message>
</context>
<context>
    <name>Dust::Changeset</name>
    <message>
        <source>is not a field</source>
        <translation>ist kein Feld</translation>
    </message>
    <message>
        <source>is invalid</source>
        <translation>ist ungültig</translation>
    </message>
    <message>
        <source>can&apos;t be blank</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>cannot be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
</context>
<context>
    <name>Dust::Cli</name>
    <message>
        <source>Set the value at a path.</source>
        <translation>Setzt den Wert an einem Pfad.</translation>
    </message>
    <message>
        <source>Delete a path and everything below it.</source>
        <translation>Löscht einen Pfad und alles darunter.</translation>
    </message>
    <message>
        <source>Merge an object into the map at a path.</source>
        <translation>Führt ein Objekt mit der Map an einem Pfad zusammen.</translation>
    </message>
    <message>
        <source>Add to the counter at a path (default 1; write a negative delta after --).</source>
        <translation>Erhöht den Zähler an einem Pfad (Standard 1; ein negatives Delta nach -- angeben).</translation>
    </message>
    <message>
        <source>Add a member to the set at a path.</source>
        <translation>Fügt der Menge an einem Pfad ein Element hinzu.</translation>
    </message>
    <message>
        <source>Remove a member from the set at a path.</source>
        <translation>Entfernt ein Element aus der Menge an einem Pfad.</translation>
    </message>
    <message>
        <source>List the entries matching a glob pattern.</source>
        <translation>Listet die Einträge auf, die zu einem Glob-Muster passen.</translation>
    </message>
    <message>
        <source>Print one JSON line per change matching a pattern, until interrupted.</source>
        <translation>Gibt pro passender Änderung eine JSON-Zeile aus, bis zum Abbruch.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>--mode must be all, committed or optimistic</source>
        <translation>--mode muss all, committed oder optimistic sein</translation>
    </message>
    <message>
        <source>cannot install signal handlers</source>
        <translation>Signal-Handler können nicht installiert werden</translation>
    </message>
    <message>
        <source>watching %1 on %2</source>
        <translation>beobachte %1 in %2</translation>
    </message>
    <message>
        <source>Read, write and watch a Dust store.</source>
        <translation>Einen Dust-Store lesen, schreiben und beobachten.</translation>
    </message>
    <message>
        <source>Server WebSocket URL (default $DUST_URL, else %1).</source>
        <translation>WebSocket-URL des Servers (Standard $DUST_URL, sonst %1).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>The dev server&apos;s data directory, to find its token (default $DUST_DATA_DIR, else the dev server&apos;s default).</source>
        <translation>Datenverzeichnis des Dev-Servers, um dessen Token zu finden (Standard $DUST_DATA_DIR, sonst das Standardverzeichnis des Dev-Servers).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>verzeichnis</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Language of the messages, e.g. de or fr (default: the system language).</source>
        <translation>Sprache der Meldungen, z. B. de oder fr (Standard: die Systemsprache).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>One of the commands above.</source>
        <translation>Einer der obigen Befehle.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; see dust --help</source>
        <translation>unbekannter Befehl &quot;%1&quot;; siehe dust --help</translation>
    </message>
    <message>
        <source>Only if the leaf&apos;s revision is this.</source>
        <translation>Nur wenn das Blatt diese Revision hat.</translation>
    </message>
    <message>
        <source>revision</source>
        <translation>revision</translation>
    </message>
    <message>
        <source>Only if the path holds no value yet.</source>
        <translation>Nur wenn der Pfad noch keinen Wert hat.</translation>
    </message>
    <message>
        <source>Entries per page, 1-1000 (default 50).</source>
        <translation>Einträge pro Seite, 1-1000 (Standard 50).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Start after this cursor (a path).</source>
        <translation>Nach diesem Cursor (einem Pfad) beginnen.</translation>
    </message>
    <message>
        <source>cursor</source>
        <translation>cursor</translation>
    </message>
    <message>
        <source>asc or desc (default asc).</source>
        <translation>asc oder desc (Standard asc).</translation>
    </message>
    <message>
        <source>order</source>
        <translation>reihenfolge</translation>
    </message>
    <message>
        <source>entries, keys or prefixes (default entries).</source>
        <translation>entries, keys oder prefixes (Standard entries).</translation>
    </message>
    <message>
        <source>what</source>
        <translation>was</translation>
    </message>
    <message>
        <source>all, committed or optimistic (default all).</source>
        <translation>all, committed oder optimistic (Standard all).</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>modus</translation>
    </message>
    <message>
        <source>First print every matching entry.</source>
        <translation>Zuerst jeden passenden Eintrag ausgeben.</translation>
    </message>
    <message>
        <source>usage: dust [--url U] [--token T] %1 %2</source>
        <translation>Aufruf: dust [--url U] [--token T] %1 %2</translation>
    </message>
    <message>
        <source>--timeout must be a positive number of milliseconds</source>
        <translation>--timeout muss eine positive Zahl von Millisekunden sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not JSON (quote strings: &apos;&quot;%1&quot;&apos;)</source>
        <translation>&quot;%1&quot; ist kein JSON (Zeichenketten in Anführungszeichen: &apos;&quot;%1&quot;&apos;)</translation>
    </message>
    <message>
        <source>merge needs a JSON object</source>
        <translation>merge braucht ein JSON-Objekt</translation>
    </message>
    <message>
        <source>the delta must be a number</source>
        <translation>das Delta muss eine Zahl sein</translation>
    </message>
    <message>
        <source>--if-match needs a revision number</source>
        <translation>--if-match braucht eine Revisionsnummer</translation>
    </message>
    <message>
        <source>--order must be asc or desc</source>
        <translation>--order muss asc oder desc sein</translation>
    </message>
    <message>
        <source>--select must be entries, keys or prefixes</source>
        <translation>--select muss entries, keys oder prefixes sein</translation>
    </message>
    <message>
        <source>Speak MessagePack frames (Phoenix serializer vsn 3.0.0) instead of JSON.</source>
        <translation>MessagePack-Frames (Phoenix-Serializer vsn 3.0.0) statt JSON verwenden.</translation>
    </message>
    <message>
        <source>--%1 needs a whole number of at least %2</source>
        <translation>--%1 braucht eine ganze Zahl von mindestens %2</translation>
    </message>
    <message>
        <source>the lease token must be a whole number</source>
        <translation>das Lease-Token muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>rollback needs either a path or --store</source>
        <translation>rollback braucht entweder einen Pfad oder --store</translation>
    </message>
    <message>
        <source>rollback needs --to-seq</source>
        <translation>rollback braucht --to-seq</translation>
    </message>
    <message>
        <source>no file entry of %1 references %2</source>
        <translation>kein Dateieintrag von %1 verweist auf %2</translation>
    </message>
    <message>
        <source>%1 of %2 bytes (%3%)</source>
        <translation>%1 von %2 Bytes (%3%)</translation>
    </message>
    <message>
        <source>not_a_file_reference: %1 is not a file reference, the path of one or a sha256: hash</source>
        <translation>not_a_file_reference: %1 ist weder eine Dateireferenz noch der Pfad einer solchen noch ein sha256:-Hash</translation>
    </message>
    <message>
        <source>not_found: the server has no file %1</source>
        <translation>not_found: der Server hat keine Datei %1</translation>
    </message>
    <message>
        <source>forbidden: the server refuses %1 (the token needs files:read and a store that references the file)</source>
        <translation>forbidden: der Server verweigert %1 (das Token braucht files:read und einen Store, der auf die Datei verweist)</translation>
    </message>
    <message>
        <source>--op: &quot;%1&quot; is not an operation</source>
        <translation>--op: „%1“ ist keine Operation</translation>
    </message>
    <message>
        <source>The lease lasts this many milliseconds (default 30000).</source>
        <translation>So viele Millisekunden gilt das Lease (Standard 30000).</translation>
    </message>
    <message>
        <source>Who holds the lease, shown to the others.</source>
        <translation>Wer das Lease hält; die anderen sehen es.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>The file name stored (default the file&apos;s own).</source>
        <translation>Der gespeicherte Dateiname (Standard: der Name der Datei).</translation>
    </message>
    <message>
        <source>The MIME type stored, e.g. image/png.</source>
        <translation>Der gespeicherte MIME-Typ, z. B. image/png.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>typ</translation>
    </message>
    <message>
        <source>Back to how it was just after this store_seq (0: before the first write).</source>
        <translation>Zurück zum Stand direkt nach dieser store_seq (0: vor dem ersten Schreiben).</translation>
    </message>
    <message>
        <source>Roll back the whole store instead of a path.</source>
        <translation>Den ganzen Store statt eines Pfads zurücksetzen.</translation>
    </message>
    <message>
        <source>Write the file here instead of to stdout.</source>
        <translation>Die Datei hierhin statt auf stdout schreiben.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <source>Show the progress on stderr even when it is not a terminal.</source>
        <translation>Den Fortschritt auf stderr zeigen, auch wenn es kein Terminal ist.</translation>
    </message>
    <message>
        <source>With --current, print at most this many entries (1-1000; default all).</source>
        <translation>Mit --current höchstens so viele Einträge ausgeben (1-1000; Standard alle).</translation>
    </message>
    <message>
        <source>With --current, asc or desc path order (default asc).</source>
        <translation>Mit --current die Reihenfolge der Pfade, asc oder desc (Standard asc).</translation>
    </message>
    <message>
        <source>Print only these operations, e.g. set,delete (default all).</source>
        <translation>Nur diese Operationen ausgeben, z. B. set,delete (Standard alle).</translation>
    </message>
    <message>
        <source>ops</source>
        <translation>operationen</translation>
    </message>
    <message>
        <source>Print the value at a path.</source>
        <translation>Gibt den Wert an einem Pfad aus.</translation>
    </message>
    <message>
        <source>Print the entry at a path: path, value, type, revision and synced_at.</source>
        <translation>Gibt den Eintrag an einem Pfad aus: Pfad, Wert, Typ, Revision und synced_at.</translation>
    </message>
    <message>
        <source>Print the leaves at these paths that exist, as one object.</source>
        <translation>Gibt die vorhandenen Blätter an diesen Pfaden als ein Objekt aus.</translation>
    </message>
    <message>
        <source>Upload a file and store its reference at a path.</source>
        <translation>Lädt eine Datei hoch und speichert ihre Referenz an einem Pfad.</translation>
    </message>
    <message>
        <source>Download a file (the one a file entry, a file reference or a sha256: hash names) to stdout or --output.</source>
        <translation>Lädt eine Datei (die ein Dateieintrag, eine Dateireferenz oder ein sha256:-Hash bezeichnet) auf stdout oder nach --output herunter.</translation>
    </message>
    <message>
        <source>List the leaves with from &lt;= path &lt; to.</source>
        <translation>Listet die Blätter mit from &lt;= Pfad &lt; to auf.</translation>
    </message>
    <message>
        <source>Take the lease at a path and print its token.</source>
        <translation>Nimmt das Lease an einem Pfad und gibt sein Token aus.</translation>
    </message>
    <message>
        <source>Extend a lease held with this token.</source>
        <translation>Verlängert ein mit diesem Token gehaltenes Lease.</translation>
    </message>
    <message>
        <source>Give up a lease held with this token.</source>
        <translation>Gibt ein mit diesem Token gehaltenes Lease frei.</translation>
    </message>
    <message>
        <source>Roll a path, or with --store the whole store, back to a past store_seq.</source>
        <translation>Setzt einen Pfad, mit --store den ganzen Store, auf eine frühere store_seq zurück.</translation>
    </message>
    <message>
        <source>Print the connection status and permissions, and the server&apos;s store_seq and entry count.</source>
        <translation>Gibt Verbindungsstatus und Berechtigungen aus, dazu die store_seq und die Zahl der Einträge des Servers.</translation>
    </message>
    <message>
        <source>the server&apos;s catch_up_complete for %1 is malformed: %2</source>
        <translation>das catch_up_complete des Servers für %1 ist fehlerhaft: %2</translation>
    </message>
    <message>
        <source>the server refused the join of %1: %2</source>
        <translation>der Server hat den Beitritt zu %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>joined %1, but the server did not finish the catch-up within %2 ms</source>
        <translation>%1 beigetreten, aber der Server hat das Nachholen nicht innerhalb von %2 ms abgeschlossen</translation>
    </message>
    <message>
        <source>connected, but the server did not answer the join of %1 within %2 ms</source>
        <translation>verbunden, aber der Server hat den Beitritt zu %1 nicht innerhalb von %2 ms beantwortet</translation>
    </message>
    <message>
        <source>no connection to %1 within %2 ms</source>
        <translation>keine Verbindung zu %1 innerhalb von %2 ms</translation>
    </message>
    <message>
        <source>connection lost: %1</source>
        <translation>Verbindung verloren: %1</translation>
    </message>
    <message>
        <source>lost %1; reconnecting</source>
        <translation>%1 verloren; neue Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <source>rejoined %1</source>
        <translation>%1 erneut beigetreten</translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation>keine Antwort innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>API token (default $DUST_API_KEY, then $DUST_TOKEN, else the dev server&apos;s &lt;data-dir&gt;/dev-token).</source>
        <translation>API-Token (Standard $DUST_API_KEY, dann $DUST_TOKEN, sonst &lt;data-dir&gt;/dev-token des Dev-Servers).</translation>
    </message>
    <message>
        <source>Give up after this many milliseconds: the whole command, or the start of a watch (default 15000).</source>
        <translation>Nach so vielen Millisekunden aufgeben: für den ganzen Befehl oder den Start eines watch (Standard 15000).</translation>
    </message>
    <message>
        <source>no token: pass --token, set DUST_API_KEY or DUST_TOKEN, or start dust-devserver</source>
        <translation>kein Token: --token angeben, DUST_API_KEY oder DUST_TOKEN setzen oder dust-devserver starten</translation>
    </message>
    <message>
        <source>Values are JSON (quote strings: &apos;&quot;text&quot;&apos;). Output is JSON. Exit codes: 0 ok, 1 server or connection error, 2 usage, 130 or 143 ended by SIGINT or SIGTERM. &quot;dust &lt;command&gt; --help&quot; describes a command.</source>
        <translation>Werte sind JSON (Zeichenketten in Anführungszeichen: &apos;&quot;text&quot;&apos;). Die Ausgabe ist JSON. Exit-Codes: 0 OK, 1 Server- oder Verbindungsfehler, 2 falscher Aufruf, 130 oder 143 durch SIGINT oder SIGTERM beendet. &quot;dust &lt;command&gt; --help&quot; beschreibt einen Befehl.</translation>
    </message>
</context>
<context>
    <name>Dust::Client</name>
    <message>
        <source>connection closed</source>
        <translation>Verbindung geschlossen</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>unknown cache schema %1</source>
        <translation>unbekanntes Cache-Schema %1</translation>
    </message>
    <message>
        <source>the server refused the connection (HTTP %1)</source>
        <translation>der Server hat die Verbindung abgelehnt (HTTP %1)</translation>
    </message>
</context>
<context>
    <name>Dust::DevServer</name>
    <message>
        <source>Address to listen on (default 127.0.0.1). Anything but a loopback address lets other machines reach the server; it warns.</source>
        <translation>Adresse, auf der gelauscht wird (Standard 127.0.0.1). Jede andere als eine Loopback-Adresse macht den Server für andere Rechner erreichbar; es wird gewarnt.</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <source>Port for WebSocket and HTTP (default 7755); 0 picks a free port, printed at start-up.</source>
        <translation>Port für WebSocket und HTTP (Standard 7755); 0 wählt einen freien Port, der beim Start ausgegeben wird.</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>Directory for the SQLite stores and the dev token (default %1).</source>
        <translation>Verzeichnis für die SQLite-Stores und das Dev-Token (Standard %1).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>verzeichnis</translation>
    </message>
    <message>
        <source>Keep every store in memory only: nothing is written to disk, everything is lost at exit.</source>
        <translation>Alle Stores nur im Speicher halten: Nichts wird auf die Festplatte geschrieben, beim Beenden geht alles verloren.</translation>
    </message>
    <message>
        <source>Declare a store &quot;org/name&quot;, created at start-up if needed. Repeat for more stores.</source>
        <translation>Einen Store &quot;org/name&quot; deklarieren, der beim Start bei Bedarf angelegt wird. Für weitere Stores wiederholen.</translation>
    </message>
    <message>
        <source>org/name</source>
        <translation>org/name</translation>
    </message>
    <message>
        <source>Create a store when a client first joins or writes to it (the default).</source>
        <translation>Einen Store anlegen, sobald ein Client ihm zum ersten Mal beitritt oder in ihn schreibt (Standard).</translation>
    </message>
    <message>
        <source>Only serve declared and existing stores; joining any other store is refused as &quot;unauthorized&quot;.</source>
        <translation>Nur deklarierte und vorhandene Stores bedienen; der Beitritt zu jedem anderen Store wird als &quot;unauthorized&quot; abgelehnt.</translation>
    </message>
    <message>
        <source>tokens.json</source>
        <translation>tokens.json</translation>
    </message>
    <message>
        <source>Largest WebSocket message accepted, in bytes (default %1); a larger one closes the socket with code 1009.</source>
        <translation>Größte angenommene WebSocket-Nachricht in Bytes (Standard %1); eine größere schließt den Socket mit Code 1009.</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>bytes</translation>
    </message>
    <message>
        <source>Close a WebSocket that sent nothing for this long, in milliseconds (default %1; 0 = never). Clients send a heartbeat every 30 s.</source>
        <translation>Einen WebSocket schließen, der so lange nichts gesendet hat, in Millisekunden (Standard %1; 0 = nie). Clients senden alle 30 s einen Heartbeat.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Language of the messages, e.g. de or fr (default: the system language).</source>
        <translation>Sprache der Meldungen, z. B. de oder fr (Standard: die Systemsprache).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Try &apos;dust-devserver --help&apos; for more information.</source>
        <translation>&apos;dust-devserver --help&apos; zeigt weitere Informationen.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation>&apos;%1&apos; ist keine IP-Adresse</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (0-65535)</source>
        <translation>&apos;%1&apos; ist keine Portnummer (0-65535)</translation>
    </message>
    <message>
        <source>--memory and --data-dir exclude each other</source>
        <translation>--memory und --data-dir schließen sich gegenseitig aus</translation>
    </message>
    <message>
        <source>--auto-create and --no-auto-create exclude each other</source>
        <translation>--auto-create und --no-auto-create schließen sich gegenseitig aus</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a store name &quot;org/name&quot;</source>
        <translation>&apos;%1&apos; ist kein Store-Name &quot;org/name&quot;</translation>
    </message>
    <message>
        <source>--max-frame needs a number of bytes of at least 1024</source>
        <translation>--max-frame braucht eine Anzahl Bytes von mindestens 1024</translation>
    </message>
    <message>
        <source>--idle-timeout needs a number of milliseconds (0 = never)</source>
        <translation>--idle-timeout braucht eine Anzahl Millisekunden (0 = nie)</translation>
    </message>
    <message>
        <source>dust-devserver: cannot start: %1</source>
        <translation>dust-devserver: Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>Dust dev server %1</source>
        <translation>Dust-Dev-Server %1</translation>
    </message>
    <message>
        <source>WebSocket: %1</source>
        <translation>WebSocket: %1</translation>
    </message>
    <message>
        <source>HTTP:      %1</source>
        <translation>HTTP:      %1</translation>
    </message>
    <message>
        <source>Port:      %1</source>
        <translation>Port:      %1</translation>
    </message>
    <message>
        <source>Data:      %1</source>
        <translation>Daten:     %1</translation>
    </message>
    <message>
        <source>in memory (lost at exit)</source>
        <translation>im Speicher (beim Beenden verloren)</translation>
    </message>
    <message>
        <source>Stores:    %1</source>
        <translation>Stores:    %1</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>Dev token: %1</source>
        <translation>Dev-Token: %1</translation>
    </message>
    <message>
        <source>           (also in %1)</source>
        <translation>           (auch in %1)</translation>
    </message>
    <message>
        <source>A local Dust server that unmodified Dust clients can use.

Clients connect to ws://&lt;address&gt;:&lt;port&gt;/ws/sync (JSON with vsn=2.0.0, MessagePack with
vsn=3.0.0), or wss:// with --cert and --key; the REST entries API is under
/api/stores/&lt;org&gt;/&lt;name&gt;/entries and files are under /api/files/&lt;hash&gt;. Without --config the
server uses one full-access dev token: it is printed at start-up and kept in
&lt;data-dir&gt;/dev-token, where tools look for it.</source>
        <translation>Ein lokaler Dust-Server, den unveränderte Dust-Clients nutzen können.

Clients verbinden sich mit ws://&lt;adresse&gt;:&lt;port&gt;/ws/sync (JSON mit vsn=2.0.0, MessagePack mit
vsn=3.0.0) oder mit --cert und --key über wss://; die REST-API für Einträge liegt unter
/api/stores/&lt;org&gt;/&lt;name&gt;/entries, Dateien unter /api/files/&lt;hash&gt;. Ohne --config verwendet der
Server ein Entwicklungs-Token mit vollem Zugriff: Es wird beim Start ausgegeben und in
&lt;data-dir&gt;/dev-token abgelegt, wo Werkzeuge es finden.</translation>
    </message>
    <message>
        <source>Ctrl+C or SIGTERM stops it after closing every store cleanly. Exit status: 0 after a stop,
1 when it cannot start (port taken, data directory not writable, bad --config) or an
option is unknown, 2 for an invalid option value. More log output:
QT_LOGGING_RULES=&quot;dust.server.debug=true&quot;.</source>
        <translation>Strg+C oder SIGTERM beendet ihn, nachdem alle Stores sauber geschlossen sind. Rückgabewert: 0 nach
einem Stopp, 1 wenn er nicht starten kann (Port belegt, Datenverzeichnis nicht beschreibbar,
fehlerhaftes --config) oder eine Option unbekannt ist, 2 bei einem ungültigen Optionswert.
Mehr Protokollausgabe: QT_LOGGING_RULES=&quot;dust.server.debug=true&quot;.</translation>
    </message>
    <message>
        <source>Serve wss:// and https:// with this PEM certificate file (the server&apos;s certificate first, then its chain). Needs --key.</source>
        <translation>wss:// und https:// mit dieser PEM-Zertifikatsdatei bereitstellen (zuerst das Zertifikat des Servers, dann seine Kette). Benötigt --key.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>datei</translation>
    </message>
    <message>
        <source>The unencrypted PEM private key (RSA or EC) of --cert.</source>
        <translation>Der unverschlüsselte private PEM-Schlüssel (RSA oder EC) zu --cert.</translation>
    </message>
    <message>
        <source>Writes each token may make per window (WebSocket write/put_file and REST writes); one more is refused with &quot;rate_limited&quot; (REST: 429). Default 0 = no limit.</source>
        <translation>Schreibvorgänge, die jedes Token pro Zeitfenster ausführen darf (WebSocket write/put_file und REST-Schreibvorgänge); einer mehr wird mit &quot;rate_limited&quot; abgelehnt (REST: 429). Standard 0 = keine Begrenzung.</translation>
    </message>
    <message>
        <source>writes</source>
        <translation>schreibvorgänge</translation>
    </message>
    <message>
        <source>The window of --rate-limit, in milliseconds (default %1).</source>
        <translation>Das Zeitfenster von --rate-limit in Millisekunden (Standard %1).</translation>
    </message>
    <message>
        <source>--cert and --key go together</source>
        <translation>--cert und --key gehören zusammen</translation>
    </message>
    <message>
        <source>--rate-limit needs a number of writes (0 = no limit)</source>
        <translation>--rate-limit braucht eine Anzahl von Schreibvorgängen (0 = keine Begrenzung)</translation>
    </message>
    <message>
        <source>--rate-limit-window needs a positive number of milliseconds</source>
        <translation>--rate-limit-window braucht eine positive Anzahl von Millisekunden</translation>
    </message>
    <message>
        <source>Token configuration file: {&quot;tokens&quot;: [{&quot;token&quot;: &quot;dust_tok_...&quot;, &quot;scopes&quot;: [&quot;entries:read&quot;, &quot;entries:write&quot;, &quot;files:read&quot;, &quot;files:write&quot;], &quot;store_access&quot;: &quot;all&quot; or [&quot;org/name&quot;, ...], &quot;expires_at&quot;: optional ISO 8601 time}]}. The hosted service&apos;s other scopes (stores:*, webhooks:*, audit:read, tokens:*) are accepted and not enforced. Without it one full-access dev token is used.</source>
        <translation>Token-Konfigurationsdatei: {&quot;tokens&quot;: [{&quot;token&quot;: &quot;dust_tok_...&quot;, &quot;scopes&quot;: [&quot;entries:read&quot;, &quot;entries:write&quot;, &quot;files:read&quot;, &quot;files:write&quot;], &quot;store_access&quot;: &quot;all&quot; oder [&quot;org/name&quot;, ...], &quot;expires_at&quot;: optionale ISO-8601-Zeit}]}. Die übrigen Scopes des gehosteten Dienstes (stores:*, webhooks:*, audit:read, tokens:*) werden akzeptiert, aber nicht durchgesetzt. Ohne sie wird ein Entwicklungs-Token mit vollem Zugriff verwendet.</translation>
    </message>
</context>
<context>
    <name>Dust::Error</name>
    <message>
        <source>No path was given.</source>
        <translation>Es wurde kein Pfad angegeben.</translation>
    </message>
    <message>
        <source>The path is empty.</source>
        <translation>Der Pfad ist leer.</translation>
    </message>
    <message>
        <source>The path has an empty segment (a leading, trailing or doubled &apos;/&apos;).</source>
        <translation>Der Pfad hat ein leeres Segment (ein &apos;/&apos; am Anfang, am Ende oder doppelt).</translation>
    </message>
    <message>
        <source>The path has an invalid escape: &apos;~&apos; must be followed by &apos;0&apos; or &apos;1&apos;.</source>
        <translation>Der Pfad enthält eine ungültige Escape-Sequenz: Auf &apos;~&apos; muss &apos;0&apos; oder &apos;1&apos; folgen.</translation>
    </message>
    <message>
        <source>A path or path segment is not a string.</source>
        <translation>Ein Pfad oder Pfadsegment ist keine Zeichenkette.</translation>
    </message>
    <message>
        <source>The path segments are not a list.</source>
        <translation>Die Pfadsegmente sind keine Liste.</translation>
    </message>
    <message>
        <source>&apos;**&apos; may only be the last segment of a pattern.</source>
        <translation>&apos;**&apos; darf nur das letzte Segment eines Musters sein.</translation>
    </message>
    <message>
        <source>A path segment or object key holds half of a UTF-16 surrogate pair, which is not a character.</source>
        <translation>Ein Pfadsegment oder Objektschlüssel enthält die Hälfte eines UTF-16-Surrogatpaars, die kein Zeichen ist.</translation>
    </message>
    <message>
        <source>A merge needs an object value.</source>
        <translation>Ein Merge braucht einen Objektwert.</translation>
    </message>
    <message>
        <source>An increment needs a number.</source>
        <translation>Ein Inkrement braucht eine Zahl.</translation>
    </message>
    <message>
        <source>Only a number can be incremented; the path holds another value.</source>
        <translation>Nur eine Zahl kann erhöht werden; der Pfad enthält einen anderen Wert.</translation>
    </message>
    <message>
        <source>Adding to a set needs a value.</source>
        <translation>Zum Hinzufügen zu einer Menge wird ein Wert benötigt.</translation>
    </message>
    <message>
        <source>Removing from a set needs a value.</source>
        <translation>Zum Entfernen aus einer Menge wird ein Wert benötigt.</translation>
    </message>
    <message>
        <source>An object key is empty; keys become path segments and must not be empty.</source>
        <translation>Ein Objektschlüssel ist leer; Schlüssel werden zu Pfadsegmenten und dürfen nicht leer sein.</translation>
    </message>
    <message>
        <source>The value changed since it was read (revision conflict).</source>
        <translation>Der Wert hat sich seit dem Lesen geändert (Revisionskonflikt).</translation>
    </message>
    <message>
        <source>The path already has a value.</source>
        <translation>Der Pfad hat bereits einen Wert.</translation>
    </message>
    <message>
        <source>if_match and if_absent cannot be used together.</source>
        <translation>if_match und if_absent können nicht zusammen verwendet werden.</translation>
    </message>
    <message>
        <source>if_match is only allowed on set and delete.</source>
        <translation>if_match ist nur bei set und delete erlaubt.</translation>
    </message>
    <message>
        <source>if_match cannot be used with an object value.</source>
        <translation>if_match kann nicht mit einem Objektwert verwendet werden.</translation>
    </message>
    <message>
        <source>if_absent is only allowed on set.</source>
        <translation>if_absent ist nur bei set erlaubt.</translation>
    </message>
    <message>
        <source>if_absent cannot be used with an object value.</source>
        <translation>if_absent kann nicht mit einem Objektwert verwendet werden.</translation>
    </message>
    <message>
        <source>The server does not know this operation.</source>
        <translation>Der Server kennt diese Operation nicht.</translation>
    </message>
    <message>
        <source>The file content is not valid base64.</source>
        <translation>Der Dateiinhalt ist kein gültiges Base64.</translation>
    </message>
    <message>
        <source>The request has invalid parameters.</source>
        <translation>Die Anfrage hat ungültige Parameter.</translation>
    </message>
    <message>
        <source>The lease is held by someone else.</source>
        <translation>Die Lease wird von jemand anderem gehalten.</translation>
    </message>
    <message>
        <source>The lease key holds a value that is not a lease.</source>
        <translation>Der Lease-Schlüssel enthält einen Wert, der keine Lease ist.</translation>
    </message>
    <message>
        <source>The lease is not held with this token (expired or released).</source>
        <translation>Die Lease wird nicht mit diesem Token gehalten (abgelaufen oder freigegeben).</translation>
    </message>
    <message>
        <source>The write was fenced: the lease it depends on is no longer held.</source>
        <translation>Der Schreibvorgang wurde abgewiesen: Die Lease, von der er abhängt, wird nicht mehr gehalten.</translation>
    </message>
    <message>
        <source>The server and client capability versions do not match.</source>
        <translation>Die Capability-Versionen von Server und Client passen nicht zusammen.</translation>
    </message>
    <message>
        <source>The store is archived.</source>
        <translation>Der Store ist archiviert.</translation>
    </message>
    <message>
        <source>A plan limit was exceeded.</source>
        <translation>Ein Tariflimit wurde überschritten.</translation>
    </message>
    <message>
        <source>Too many requests; try again later.</source>
        <translation>Zu viele Anfragen; bitte später erneut versuchen.</translation>
    </message>
    <message>
        <source>Not authorized: the token or the store is not valid.</source>
        <translation>Nicht autorisiert: Das Token oder der Store ist ungültig.</translation>
    </message>
    <message>
        <source>The token is missing a required scope.</source>
        <translation>Dem Token fehlt ein erforderlicher Berechtigungsbereich.</translation>
    </message>
    <message>
        <source>The token does not have access to this store.</source>
        <translation>Das Token hat keinen Zugriff auf diesen Store.</translation>
    </message>
    <message>
        <source>Access is forbidden.</source>
        <translation>Der Zugriff ist verboten.</translation>
    </message>
    <message>
        <source>The message is not valid JSON.</source>
        <translation>Die Nachricht ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>The message is not valid UTF-8.</source>
        <translation>Die Nachricht ist kein gültiges UTF-8.</translation>
    </message>
    <message>
        <source>The message is not valid MessagePack.</source>
        <translation>Die Nachricht ist kein gültiges MessagePack.</translation>
    </message>
    <message>
        <source>The message is not a five-element array.</source>
        <translation>Die Nachricht ist kein Array mit fünf Elementen.</translation>
    </message>
    <message>
        <source>The message array does not have five elements.</source>
        <translation>Das Nachrichten-Array hat nicht fünf Elemente.</translation>
    </message>
    <message>
        <source>The message&apos;s join reference is neither a string nor null.</source>
        <translation>Die Join-Referenz der Nachricht ist weder eine Zeichenkette noch null.</translation>
    </message>
    <message>
        <source>The message&apos;s reference is neither a string nor null.</source>
        <translation>Die Referenz der Nachricht ist weder eine Zeichenkette noch null.</translation>
    </message>
    <message>
        <source>The message&apos;s topic is not a non-empty string.</source>
        <translation>Das Topic der Nachricht ist keine nicht-leere Zeichenkette.</translation>
    </message>
    <message>
        <source>The message&apos;s event is not a non-empty string.</source>
        <translation>Das Ereignis der Nachricht ist keine nicht-leere Zeichenkette.</translation>
    </message>
    <message>
        <source>The message&apos;s payload is not an object.</source>
        <translation>Die Nutzdaten der Nachricht sind kein Objekt.</translation>
    </message>
    <message>
        <source>The message is nested too deeply.</source>
        <translation>Die Nachricht ist zu tief verschachtelt.</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>Die Nachricht ist zu groß.</translation>
    </message>
    <message>
        <source>The server sent an unexpected reply.</source>
        <translation>Der Server hat eine unerwartete Antwort gesendet.</translation>
    </message>
    <message>
        <source>The message has a string with half of a UTF-16 surrogate pair, which is not a character.</source>
        <translation>Die Nachricht enthält eine Zeichenkette mit der Hälfte eines UTF-16-Surrogatpaars, die kein Zeichen ist.</translation>
    </message>
    <message>
        <source>The message holds a number JSON cannot represent (NaN or infinity).</source>
        <translation>Die Nachricht enthält eine Zahl, die JSON nicht darstellen kann (NaN oder unendlich).</translation>
    </message>
    <message>
        <source>No answer arrived in time; the write may still be applied.</source>
        <translation>Keine Antwort in der vorgesehenen Zeit; der Schreibvorgang wird möglicherweise trotzdem ausgeführt.</translation>
    </message>
    <message>
        <source>Not connected to the Dust server.</source>
        <translation>Keine Verbindung zum Dust-Server.</translation>
    </message>
    <message>
        <source>The client was closed before the operation finished.</source>
        <translation>Der Client wurde geschlossen, bevor der Vorgang abgeschlossen war.</translation>
    </message>
    <message>
        <source>Nothing was found at this path.</source>
        <translation>An diesem Pfad wurde nichts gefunden.</translation>
    </message>
    <message>
        <source>This operation is not supported here.</source>
        <translation>Dieser Vorgang wird hier nicht unterstützt.</translation>
    </message>
    <message>
        <source>A network error occurred.</source>
        <translation>Ein Netzwerkfehler ist aufgetreten.</translation>
    </message>
    <message>
        <source>The server answered with an error.</source>
        <translation>Der Server hat mit einem Fehler geantwortet.</translation>
    </message>
    <message>
        <source>The server does not offer this route; it may be older than this client.</source>
        <translation>Der Server bietet diese Route nicht an; er ist möglicherweise älter als dieser Client.</translation>
    </message>
    <message>
        <source>Local storage failed.</source>
        <translation>Der lokale Speicher ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The record has no slug.</source>
        <translation>Der Datensatz hat keinen Slug.</translation>
    </message>
    <message>
        <source>There is nothing to write.</source>
        <translation>Es gibt nichts zu schreiben.</translation>
    </message>
    <message>
        <source>The message is for a topic this connection has not joined.</source>
        <translation>Die Nachricht gilt einem Topic, dem diese Verbindung nicht beigetreten ist.</translation>
    </message>
    <message>
        <source>The server does not handle this event on this topic.</source>
        <translation>Der Server verarbeitet dieses Ereignis für dieses Topic nicht.</translation>
    </message>
    <message>
        <source>This HTTP method is not allowed on this route.</source>
        <translation>Diese HTTP-Methode ist für diese Route nicht erlaubt.</translation>
    </message>
    <message>
        <source>A store name must be &quot;org/name&quot;, each part letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>Ein Store-Name muss &quot;org/name&quot; lauten, jeder Teil aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;.</translation>
    </message>
    <message>
        <source>The token configuration is not valid.</source>
        <translation>Die Token-Konfiguration ist ungültig.</translation>
    </message>
    <message>
        <source>The server&apos;s data directory cannot be created or written.</source>
        <translation>Das Datenverzeichnis des Servers kann nicht angelegt oder beschrieben werden.</translation>
    </message>
    <message>
        <source>The server could not listen on the address and port (is the port taken?).</source>
        <translation>Der Server konnte nicht auf Adresse und Port lauschen (ist der Port belegt?).</translation>
    </message>
    <message>
        <source>The Dust server is not running.</source>
        <translation>Der Dust-Server läuft nicht.</translation>
    </message>
    <message>
        <source>The server URL must be a ws:// or wss:// URL with a host.</source>
        <translation>Die Server-URL muss eine ws://- oder wss://-URL mit Host sein.</translation>
    </message>
    <message>
        <source>No API token was given.</source>
        <translation>Es wurde kein API-Token angegeben.</translation>
    </message>
    <message>
        <source>The server stopped answering heartbeats; reconnecting.</source>
        <translation>Der Server antwortet nicht mehr auf Heartbeats; die Verbindung wird neu aufgebaut.</translation>
    </message>
    <message>
        <source>The server sent an event whose value does not fit its operation.</source>
        <translation>Der Server hat ein Ereignis gesendet, dessen Wert nicht zu seiner Operation passt.</translation>
    </message>
    <message>
        <source>The subscription&apos;s queue size must be at least 1 and its bootstrap limit not negative.</source>
        <translation>Die Warteschlangengröße des Abonnements muss mindestens 1 sein und sein Bootstrap-Limit darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>A subscription needs a callback.</source>
        <translation>Ein Abonnement braucht einen Callback.</translation>
    </message>
    <message>
        <source>A subscription delivered to a receiver needs a receiver object.</source>
        <translation>Ein an einen Empfänger geliefertes Abonnement braucht ein Empfängerobjekt.</translation>
    </message>
    <message>
        <source>A lease needs a positive time to live.</source>
        <translation>Eine Lease braucht eine positive Lebensdauer.</translation>
    </message>
    <message>
        <source>The schema has no name.</source>
        <translation>Das Schema hat keinen Namen.</translation>
    </message>
    <message>
        <source>The schema has no prefix; give a list of path segments such as [&quot;links&quot;].</source>
        <translation>Das Schema hat kein Präfix; geben Sie eine Liste von Pfadsegmenten an, etwa [&quot;links&quot;].</translation>
    </message>
    <message>
        <source>The schema prefix is a segment list, not a dotted string.</source>
        <translation>Das Schema-Präfix ist eine Segmentliste, keine Zeichenkette mit Punkten.</translation>
    </message>
    <message>
        <source>The schema prefix must be a non-empty list of non-empty strings.</source>
        <translation>Das Schema-Präfix muss eine nicht-leere Liste nicht-leerer Zeichenketten sein.</translation>
    </message>
    <message>
        <source>The schema prefix must not be empty.</source>
        <translation>Das Schema-Präfix darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The schema prefix segments must be non-empty strings.</source>
        <translation>Die Segmente des Schema-Präfixes müssen nicht-leere Zeichenketten sein.</translation>
    </message>
    <message>
        <source>The schema mode must be &quot;flat&quot; or &quot;map&quot;.</source>
        <translation>Der Schema-Modus muss &quot;flat&quot; oder &quot;map&quot; sein.</translation>
    </message>
    <message>
        <source>The schema&apos;s required fields must be a list of field names.</source>
        <translation>Die Pflichtfelder des Schemas müssen eine Liste von Feldnamen sein.</translation>
    </message>
    <message>
        <source>A required field is not a field of the schema.</source>
        <translation>Ein Pflichtfeld ist kein Feld des Schemas.</translation>
    </message>
    <message>
        <source>The schema fields must be a map of names to types or a list of {name, type}.</source>
        <translation>Die Schema-Felder müssen eine Map von Namen auf Typen oder eine Liste von {name, type} sein.</translation>
    </message>
    <message>
        <source>A schema field has an empty name.</source>
        <translation>Ein Schema-Feld hat einen leeren Namen.</translation>
    </message>
    <message>
        <source>A schema field is declared twice.</source>
        <translation>Ein Schema-Feld ist doppelt deklariert.</translation>
    </message>
    <message>
        <source>A schema field has an unknown type (use string, int, double, bool, datetime, map or list).</source>
        <translation>Ein Schema-Feld hat einen unbekannten Typ (string, int, double, bool, datetime, map oder list verwenden).</translation>
    </message>
    <message>
        <source>A property of the record type has a C++ type a schema field cannot hold.</source>
        <translation>Eine Eigenschaft des Datensatztyps hat einen C++-Typ, den ein Schema-Feld nicht aufnehmen kann.</translation>
    </message>
    <message>
        <source>A property of the record type cannot be written.</source>
        <translation>Eine Eigenschaft des Datensatztyps kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The record type has no property for the slug.</source>
        <translation>Der Datensatztyp hat keine Eigenschaft für den Slug.</translation>
    </message>
    <message>
        <source>The slug field must be a string field.</source>
        <translation>Das Slug-Feld muss ein Zeichenkettenfeld sein.</translation>
    </message>
    <message>
        <source>The slug field name must be a non-empty string.</source>
        <translation>Der Name des Slug-Felds muss eine nicht-leere Zeichenkette sein.</translation>
    </message>
    <message>
        <source>The schema descriptor has an unknown key.</source>
        <translation>Die Schema-Beschreibung hat einen unbekannten Schlüssel.</translation>
    </message>
    <message>
        <source>The schema is not valid (it was never created successfully).</source>
        <translation>Das Schema ist ungültig (es wurde nie erfolgreich erstellt).</translation>
    </message>
    <message>
        <source>The slug must be a string.</source>
        <translation>Der Slug muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>The slug cannot be empty.</source>
        <translation>Der Slug darf nicht leer sein.</translation>
    </message>
    <message>
        <source>A field value does not have the field&apos;s type.</source>
        <translation>Ein Feldwert hat nicht den Typ des Felds.</translation>
    </message>
    <message>
        <source>The record has no such field.</source>
        <translation>Der Datensatz hat kein solches Feld.</translation>
    </message>
    <message>
        <source>The record did not pass validation.</source>
        <translation>Der Datensatz hat die Validierung nicht bestanden.</translation>
    </message>
    <message>
        <source>if_match needs a map-mode schema: a flat record is written one field at a time.</source>
        <translation>if_match braucht ein Schema im Map-Modus: Ein flacher Datensatz wird Feld für Feld geschrieben.</translation>
    </message>
    <message>
        <source>A batch operation is not an insert, update or delete.</source>
        <translation>Eine Batch-Operation ist weder insert noch update noch delete.</translation>
    </message>
    <message>
        <source>No store was configured.</source>
        <translation>Es wurde kein Store konfiguriert.</translation>
    </message>
    <message>
        <source>The server URL is not valid.</source>
        <translation>Die Server-URL ist ungültig.</translation>
    </message>
    <message>
        <source>The store kept changing while its records were read; try again.</source>
        <translation>Der Store hat sich beim Lesen seiner Datensätze ständig geändert; bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation>Der Server hat mit einem unerwarteten HTTP-Status geantwortet.</translation>
    </message>
    <message>
        <source>The PubSub hub no longer exists.</source>
        <translation>Der PubSub-Hub existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Live updates need a WebSocket connection: give the repository a client that has this store.</source>
        <translation>Live-Aktualisierungen brauchen eine WebSocket-Verbindung: Geben Sie dem Repository einen Client, der diesen Store hat.</translation>
    </message>
    <message>
        <source>No repository was given (set the repo property).</source>
        <translation>Es wurde kein Repository angegeben (die Eigenschaft repo setzen).</translation>
    </message>
    <message>
        <source>No schema was given (set the schema property).</source>
        <translation>Es wurde kein Schema angegeben (die Eigenschaft schema setzen).</translation>
    </message>
    <message>
        <source>The repository is not ready yet; call it once the QML component is complete.</source>
        <translation>Das Repository ist noch nicht bereit; rufen Sie es auf, sobald die QML-Komponente fertig ist.</translation>
    </message>
    <message>
        <source>The record must be an object of field names and values.</source>
        <translation>Der Datensatz muss ein Objekt aus Feldnamen und Werten sein.</translation>
    </message>
    <message>
        <source>There is no record with this slug.</source>
        <translation>Es gibt keinen Datensatz mit diesem Slug.</translation>
    </message>
    <message>
        <source>The backlog limit must be at least 1.</source>
        <translation>Das Backlog-Limit muss mindestens 1 sein.</translation>
    </message>
    <message>
        <source>The test server is not running.</source>
        <translation>Der Testserver läuft nicht.</translation>
    </message>
    <message>
        <source>The test waited in vain: the expected state did not arrive in time.</source>
        <translation>Der Test hat vergeblich gewartet: Der erwartete Zustand ist nicht rechtzeitig eingetreten.</translation>
    </message>
    <message>
        <source>The test server refused the client&apos;s join.</source>
        <translation>Der Testserver hat den Beitritt des Clients abgelehnt.</translation>
    </message>
    <message>
        <source>The test kit stopped waiting: the test had already failed.</source>
        <translation>Das Test-Kit hat aufgehört zu warten: Der Test war bereits fehlgeschlagen.</translation>
    </message>
    <message>
        <source>DustQt has no translation for this language; texts stay in English.</source>
        <translation>Für diese Sprache gibt es keine DustQt-Übersetzung; die Texte bleiben auf Englisch.</translation>
    </message>
    <message>
        <source>Translations can only be installed once the application object exists.</source>
        <translation>Übersetzungen können erst installiert werden, wenn das Anwendungsobjekt existiert.</translation>
    </message>
    <message>
        <source>No error.</source>
        <translation>Kein Fehler.</translation>
    </message>
    <message>
        <source>The path is not valid.</source>
        <translation>Der Pfad ist ungültig.</translation>
    </message>
    <message>
        <source>The value is not valid for this operation.</source>
        <translation>Der Wert ist für diese Operation ungültig.</translation>
    </message>
    <message>
        <source>The message does not follow the Dust protocol.</source>
        <translation>Die Nachricht entspricht nicht dem Dust-Protokoll.</translation>
    </message>
    <message>
        <source>The server rejected the write.</source>
        <translation>Der Server hat den Schreibvorgang abgelehnt.</translation>
    </message>
    <message>
        <source>The live subscription could not be started.</source>
        <translation>Das Live-Abonnement konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The schema declaration is not valid.</source>
        <translation>Die Schema-Deklaration ist ungültig.</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate or private key cannot be used.</source>
        <translation>Das TLS-Zertifikat oder der private Schlüssel des Servers ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>The server did not complete the connection in time; reconnecting.</source>
        <translation>Der Server hat die Verbindung nicht rechtzeitig hergestellt; es wird neu verbunden.</translation>
    </message>
    <message>
        <source>The server sent a message with a missing or mistyped field; it was ignored.</source>
        <translation>Der Server hat eine Nachricht mit einem fehlenden oder falsch typisierten Feld gesendet; sie wurde ignoriert.</translation>
    </message>
    <message>
        <source>The server sent a snapshot older than this client&apos;s data; it was ignored.</source>
        <translation>Der Server hat einen Snapshot gesendet, der älter als die Daten dieses Clients ist; er wurde ignoriert.</translation>
    </message>
    <message>
        <source>The server sent a binary message on a JSON connection; it was ignored.</source>
        <translation>Der Server hat auf einer JSON-Verbindung eine Binärnachricht gesendet; sie wurde ignoriert.</translation>
    </message>
    <message>
        <source>A number is outside the range JSON holds exactly (integers up to ±2^53).</source>
        <translation>Eine Zahl liegt außerhalb des Bereichs, den JSON exakt darstellt (ganze Zahlen bis ±2^53).</translation>
    </message>
    <message>
        <source>The server could not decode a message this client sent.</source>
        <translation>Der Server konnte eine Nachricht dieses Clients nicht dekodieren.</translation>
    </message>
    <message>
        <source>The value is not a file reference ({&quot;_type&quot;: &quot;file&quot;, &quot;hash&quot;: &quot;sha256:...&quot;, &quot;size&quot;: ...}).</source>
        <translation>Der Wert ist keine Dateireferenz ({&quot;_type&quot;: &quot;file&quot;, &quot;hash&quot;: &quot;sha256:...&quot;, &quot;size&quot;: ...}).</translation>
    </message>
    <message>
        <source>The downloaded file does not match its reference (size or SHA-256 differ).</source>
        <translation>Die heruntergeladene Datei passt nicht zu ihrer Referenz (Größe oder SHA-256 weichen ab).</translation>
    </message>
    <message>
        <source>The download needs a device that is open for writing.</source>
        <translation>Der Download braucht ein zum Schreiben geöffnetes Gerät.</translation>
    </message>
    <message>
        <source>singleFlight needs a work function.</source>
        <translation>singleFlight braucht eine Arbeitsfunktion.</translation>
    </message>
    <message>
        <source>A rollback needs a store_seq from 0 up to the store&apos;s current one.</source>
        <translation>Ein Rollback braucht eine store_seq von 0 bis zur aktuellen des Stores.</translation>
    </message>
    <message>
        <source>No client was given (set the client property).</source>
        <translation>Es wurde kein Client angegeben (setzen Sie die Eigenschaft client).</translation>
    </message>
    <message>
        <source>A page limit must be a positive number.</source>
        <translation>Ein Seitenlimit muss eine positive Zahl sein.</translation>
    </message>
    <message>
        <source>A command-line option has an invalid value.</source>
        <translation>Eine Kommandozeilenoption hat einen ungültigen Wert.</translation>
    </message>
    <message>
        <source>Listing prefixes needs a pattern that ends in &apos;**&apos;.</source>
        <translation>Präfixe auflisten braucht ein Muster, das auf &apos;**&apos; endet.</translation>
    </message>
    <message>
        <source>A range cannot list prefixes; list the leaves instead.</source>
        <translation>Ein Bereich kann keine Präfixe auflisten; listen Sie stattdessen die Blätter auf.</translation>
    </message>
    <message>
        <source>A topic subscription&apos;s context object must live in a thread that runs an event loop.</source>
        <translation>Das Kontextobjekt eines Topic-Abonnements muss in einem Thread leben, der eine Ereignisschleife ausführt.</translation>
    </message>
    <message>
        <source>The topic could not subscribe to the repository&apos;s changes.</source>
        <translation>Das Topic konnte die Änderungen des Repositorys nicht abonnieren.</translation>
    </message>
    <message>
        <source>The repository was deleted before the topic could read its records.</source>
        <translation>Das Repository wurde gelöscht, bevor das Topic seine Datensätze lesen konnte.</translation>
    </message>
</context>
<context>
    <name>Dust::HttpTransport</name>
    <message>
        <source>the HTTP transport has no realtime; use a Dust::Client</source>
        <translation>der HTTP-Transport hat keine Echtzeit-Aktualisierungen; verwenden Sie einen Dust::Client</translation>
    </message>
</context>
<context>
    <name>Dust::PubSub</name>
    <message>
        <source>subscribeToPubSub needs a repo and a context object</source>
        <translation>subscribeToPubSub braucht ein Repository und ein Kontextobjekt</translation>
    </message>
    <message>
        <source>The context object of a topic subscription must live in a thread that runs an event loop</source>
        <translation>Das Kontextobjekt eines Themenabonnements muss in einem Thread leben, der eine Ereignisschleife ausführt</translation>
    </message>
</context>
<context>
    <name>Dust::QuickListModel</name>
    <message>
        <source>filterFunction is not a function; every record is shown</source>
        <translation>filterFunction ist keine Funktion; alle Datensätze werden angezeigt</translation>
    </message>
</context>
<context>
    <name>Dust::Repo</name>
    <message>
        <source>struct dumped to an empty body</source>
        <translation>die Struktur ergab einen leeren Inhalt</translation>
    </message>
    <message>
        <source>no fields to write</source>
        <translation>keine Felder zu schreiben</translation>
    </message>
    <message>
        <source>realtime needs the WebSocket transport (a Dust::Client with this store)</source>
        <translation>Echtzeit braucht den WebSocket-Transport (einen Dust::Client mit diesem Store)</translation>
    </message>
    <message>
        <source>batch_write needs the HTTP transport (the WebSocket protocol has no atomic batch)</source>
        <translation>batch_write braucht den HTTP-Transport (das WebSocket-Protokoll kennt keinen atomaren Batch)</translation>
    </message>
</context>
<context>
    <name>Dust::Schema</name>
    <message>
        <source>write the prefix as the segment list %1</source>
        <translation>das Präfix als Segmentliste %1 schreiben</translation>
    </message>
    <message>
        <source>missing slug</source>
        <translation>Slug fehlt</translation>
    </message>
</context>
<context>
    <name>Dust::Server</name>
    <message>
        <source>the join payload needs last_store_seq, a non-negative integer</source>
        <translation>die Join-Nutzdaten brauchen last_store_seq, eine nicht-negative ganze Zahl</translation>
    </message>
    <message>
        <source>If-Match must be one revision, e.g. 7 or &quot;7&quot;</source>
        <translation>If-Match muss genau eine Revision sein, z. B. 7 oder &quot;7&quot;</translation>
    </message>
    <message>
        <source>a write takes only If-None-Match: *</source>
        <translation>ein Schreibvorgang akzeptiert nur If-None-Match: *</translation>
    </message>
    <message>
        <source>limit must be an integer from 1 to 1000</source>
        <translation>limit muss eine ganze Zahl von 1 bis 1000 sein</translation>
    </message>
    <message>
        <source>order must be asc or desc</source>
        <translation>order muss asc oder desc sein</translation>
    </message>
    <message>
        <source>select must be entries, keys or prefixes</source>
        <translation>select muss entries, keys oder prefixes sein</translation>
    </message>
    <message>
        <source>a range needs both from and to</source>
        <translation>ein Bereich braucht sowohl from als auch to</translation>
    </message>
    <message>
        <source>the body must be an object with a path</source>
        <translation>der Inhalt muss ein Objekt mit einem Pfad sein</translation>
    </message>
    <message>
        <source>the body must be {&quot;paths&quot;: [...]} with at most 1000 paths</source>
        <translation>der Inhalt muss {&quot;paths&quot;: [...]} mit höchstens 1000 Pfaden sein</translation>
    </message>
    <message>
        <source>the body must be {&quot;ops&quot;: [...]} with at most 1000 ops</source>
        <translation>der Inhalt muss {&quot;ops&quot;: [...]} mit höchstens 1000 Operationen sein</translation>
    </message>
    <message>
        <source>if_match must be an integer revision</source>
        <translation>if_match muss eine ganzzahlige Revision sein</translation>
    </message>
    <message>
        <source>if_absent must be true or false</source>
        <translation>if_absent muss true oder false sein</translation>
    </message>
    <message>
        <source>the data directory cannot be created or written</source>
        <translation>das Datenverzeichnis kann nicht angelegt oder beschrieben werden</translation>
    </message>
    <message>
        <source>the store&apos;s directory cannot be created</source>
        <translation>das Verzeichnis des Stores kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 ist kein Objekt</translation>
    </message>
    <message>
        <source>%1.token must be a non-empty string of printable ASCII without spaces</source>
        <translation>%1.token muss eine nicht-leere Zeichenkette aus druckbarem ASCII ohne Leerzeichen sein</translation>
    </message>
    <message>
        <source>%1.scopes must be a list</source>
        <translation>%1.scopes muss eine Liste sein</translation>
    </message>
    <message>
        <source>%1.scopes has an unknown scope; known scopes are %2</source>
        <translation>%1.scopes enthält einen unbekannten Bereich; bekannte Bereiche sind %2</translation>
    </message>
    <message>
        <source>%1.store_access lists a store that is not &quot;org/name&quot;</source>
        <translation>%1.store_access nennt einen Store, der nicht &quot;org/name&quot; ist</translation>
    </message>
    <message>
        <source>%1.store_access must be &quot;all&quot; or a list of &quot;org/name&quot;</source>
        <translation>%1.store_access muss &quot;all&quot; oder eine Liste von &quot;org/name&quot; sein</translation>
    </message>
    <message>
        <source>the configuration must be an object with a &quot;tokens&quot; list</source>
        <translation>die Konfiguration muss ein Objekt mit einer Liste &quot;tokens&quot; sein</translation>
    </message>
    <message>
        <source>tokens[%1] repeats a token listed before it</source>
        <translation>tokens[%1] wiederholt ein bereits zuvor aufgeführtes Token</translation>
    </message>
    <message>
        <source>the configuration lists no token</source>
        <translation>die Konfiguration enthält kein Token</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 ist kein gültiges JSON: %2</translation>
    </message>
    <message>
        <source>the Qt SQLite driver is not available</source>
        <translation>der Qt-SQLite-Treiber ist nicht verfügbar</translation>
    </message>
    <message>
        <source>client_op_id must be a non-empty string of at most 256 characters</source>
        <translation>client_op_id muss eine nicht-leere Zeichenkette mit höchstens 256 Zeichen sein</translation>
    </message>
    <message>
        <source>fence must be {&quot;key&quot;: &lt;path&gt;, &quot;token&quot;: &lt;integer&gt;}</source>
        <translation>fence muss {&quot;key&quot;: &lt;path&gt;, &quot;token&quot;: &lt;integer&gt;} sein</translation>
    </message>
    <message>
        <source>ttl_ms must be a positive integer of at most a year</source>
        <translation>ttl_ms muss eine positive ganze Zahl von höchstens einem Jahr sein</translation>
    </message>
    <message>
        <source>holder must be a string or null</source>
        <translation>holder muss eine Zeichenkette oder null sein</translation>
    </message>
    <message>
        <source>token must be the integer token of the lease</source>
        <translation>token muss das ganzzahlige Token der Lease sein</translation>
    </message>
    <message>
        <source>filename must be a string</source>
        <translation>filename muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>content_type must be a string</source>
        <translation>content_type muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>ack_seq needs seq, a non-negative integer</source>
        <translation>ack_seq braucht seq, eine nicht negative ganze Zahl</translation>
    </message>
    <message>
        <source>this Qt has no TLS support</source>
        <translation>dieses Qt unterstützt kein TLS</translation>
    </message>
    <message>
        <source>TLS needs both a certificate file and a private key file</source>
        <translation>TLS braucht sowohl eine Zertifikatsdatei als auch eine Datei mit dem privaten Schlüssel</translation>
    </message>
    <message>
        <source>no PEM certificate could be read from the file</source>
        <translation>aus der Datei konnte kein PEM-Zertifikat gelesen werden</translation>
    </message>
    <message>
        <source>no unencrypted PEM RSA or EC private key could be read from the file</source>
        <translation>aus der Datei konnte kein unverschlüsselter privater PEM-Schlüssel (RSA oder EC) gelesen werden</translation>
    </message>
    <message>
        <source>%1.expires_at must be an ISO 8601 date and time</source>
        <translation>%1.expires_at muss ein Datum mit Uhrzeit nach ISO 8601 sein</translation>
    </message>
    <message>
        <source>the request line is longer than %1 bytes</source>
        <translation>die Anfragezeile ist länger als %1 Bytes</translation>
    </message>
    <message>
        <source>the header block is larger than %1 bytes</source>
        <translation>der Header-Block ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>the body is larger than %1 bytes</source>
        <translation>der Body ist größer als %1 Bytes</translation>
    </message>
    <message>
        <source>the header block did not arrive within %1 ms</source>
        <translation>der Header-Block ist nicht innerhalb von %1 ms angekommen</translation>
    </message>
    <message>
        <source>the request line is not METHOD target HTTP/1.x</source>
        <translation>die Anfragezeile hat nicht die Form METHODE Ziel HTTP/1.x</translation>
    </message>
    <message>
        <source>the request has more than %1 header fields</source>
        <translation>die Anfrage hat mehr als %1 Header-Felder</translation>
    </message>
    <message>
        <source>a header field is malformed or folded</source>
        <translation>ein Header-Feld ist fehlerhaft oder gefaltet</translation>
    </message>
    <message>
        <source>the body&apos;s length is ambiguous: one Content-Length, or Transfer-Encoding: chunked alone</source>
        <translation>die Länge des Bodys ist mehrdeutig: entweder ein Content-Length oder nur Transfer-Encoding: chunked</translation>
    </message>
    <message>
        <source>a request with a body needs a valid token</source>
        <translation>eine Anfrage mit Body braucht ein gültiges Token</translation>
    </message>
    <message>
        <source>to_seq must be an integer store_seq</source>
        <translation>to_seq muss eine ganzzahlige store_seq sein</translation>
    </message>
</context>
<context>
    <name>Dust::TestServer</name>
    <message>
        <source>the model is gone</source>
        <translation>das Modell existiert nicht mehr</translation>
    </message>
    <message>
        <source>the model is %1 and holds [%2]</source>
        <translation>das Modell ist %1 und enthält [%2]</translation>
    </message>
    <message>
        <source>ListModelTester: stopped waiting for [%1], the test had already failed; %2.</source>
        <translation>ListModelTester: Warten auf [%1] beendet, der Test war bereits fehlgeschlagen; %2.</translation>
    </message>
    <message>
        <source>ListModelTester: the rows were not [%1] within %2 ms; %3.</source>
        <translation>ListModelTester: Die Zeilen waren innerhalb von %2 ms nicht [%1]; %3.</translation>
    </message>
    <message>
        <source>the subscription is gone</source>
        <translation>das Abonnement existiert nicht mehr</translation>
    </message>
    <message>
        <source>the subscription is %1</source>
        <translation>das Abonnement ist %1</translation>
    </message>
    <message>
        <source>SubscriptionSpy: %1 yet, and the test had already failed; %2.</source>
        <translation>SubscriptionSpy: bisher %1, und der Test war bereits fehlgeschlagen; %2.</translation>
    </message>
    <message>
        <source>SubscriptionSpy: %1 within %2 ms; %3.</source>
        <translation>SubscriptionSpy: %1 innerhalb von %2 ms; %3.</translation>
    </message>
    <message>
        <source>%1 after event %2</source>
        <translation>%1 nach Ereignis %2</translation>
    </message>
    <message>
        <source>no upsert of &quot;%1&quot;</source>
        <translation>kein Upsert von &quot;%1&quot;</translation>
    </message>
    <message>
        <source>no delete of &quot;%1&quot;</source>
        <translation>kein Löschen von &quot;%1&quot;</translation>
    </message>
    <message>
        <source>no event</source>
        <translation>kein Ereignis</translation>
    </message>
    <message>
        <source>fewer than %1 events</source>
        <translation>weniger als %1 Ereignisse</translation>
    </message>
    <message>
        <source>no resync</source>
        <translation>kein Resync</translation>
    </message>
    <message>
        <source>Nothing arrived.</source>
        <translation>Nichts ist angekommen.</translation>
    </message>
    <message>
        <source>Arrived (1 event):</source>
        <translation>Angekommen (1 Ereignis):</translation>
    </message>
    <message>
        <source>Arrived (%1 events):</source>
        <translation>Angekommen (%1 Ereignisse):</translation>
    </message>
    <message>
        <source>Dust::TestServer: %1</source>
        <translation>Dust::TestServer: %1</translation>
    </message>
    <message>
        <source>the test server needs at least one store</source>
        <translation>der Testserver braucht mindestens einen Store</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not &quot;org/name&quot;</source>
        <translation>&quot;%1&quot; ist nicht &quot;org/name&quot;</translation>
    </message>
    <message>
        <source>no temporary directory: %1</source>
        <translation>kein temporäres Verzeichnis: %1</translation>
    </message>
    <message>
        <source>the server refused the client&apos;s join</source>
        <translation>der Server hat den Beitritt des Clients abgelehnt</translation>
    </message>
    <message>
        <source>%1 is %2 at store_seq %3 (server at %4)</source>
        <translation>%1 ist %2 bei store_seq %3 (Server bei %4)</translation>
    </message>
    <message>
        <source>the client did not join within %1 ms: %2</source>
        <translation>der Client ist nicht innerhalb von %1 ms beigetreten: %2</translation>
    </message>
    <message>
        <source>%1 is %2 at store_seq %3 with %4 writes pending; the server is at %5</source>
        <translation>%1 ist %2 bei store_seq %3 mit %4 ausstehenden Schreibvorgängen; der Server ist bei %5</translation>
    </message>
    <message>
        <source>not in sync within %1 ms: %2</source>
        <translation>nicht innerhalb von %1 ms synchron: %2</translation>
    </message>
    <message>
        <source>it was stopped</source>
        <translation>er wurde gestoppt</translation>
    </message>
    <message>
        <source>its last start failed</source>
        <translation>sein letzter Start ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the client has no store %1</source>
        <translation>der Client hat keinen Store %1</translation>
    </message>
</context>
<context>
    <name>Dust::Translations</name>
    <message>
        <source>&apos;%1&apos;; available: %2</source>
        <translation>&apos;%1&apos;; verfügbar: %2</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksBackend</name>
    <message>
        <source>Dust server at %1, store %2</source>
        <translation>Dust-Server unter %1, Store %2</translation>
    </message>
    <message>
        <source>Embedded Dust server at %1, store %2, data in %3</source>
        <translation>Eingebetteter Dust-Server unter %1, Store %2, Daten in %3</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksOptions</name>
    <message>
        <source>WebSocket URL of a Dust server, e.g. ws://127.0.0.1:7755/ws/sync. Without it, the app starts its own server.</source>
        <translation>WebSocket-URL eines Dust-Servers, z. B. ws://127.0.0.1:7755/ws/sync. Ohne sie startet die App ihren eigenen Server.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>API token for --url (default $DUST_TOKEN).</source>
        <translation>API-Token für --url (Standard $DUST_TOKEN).</translation>
    </message>
    <message>
        <source>token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>The store that holds the links (default %1).</source>
        <translation>Der Store, der die Links enthält (Standard %1).</translation>
    </message>
    <message>
        <source>org/name</source>
        <translation>org/name</translation>
    </message>
    <message>
        <source>Where the embedded server keeps its data (default: the per-user data location).</source>
        <translation>Wo der eingebettete Server seine Daten ablegt (Standard: der Datenordner des Benutzers).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>verzeichnis</translation>
    </message>
    <message>
        <source>Language of the texts, e.g. de or fr (default: the system language).</source>
        <translation>Sprache der Texte, z. B. de oder fr (Standard: die Systemsprache).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>--url must be a WebSocket URL such as ws://127.0.0.1:7755/ws/sync.</source>
        <translation>--url muss eine WebSocket-URL wie ws://127.0.0.1:7755/ws/sync sein.</translation>
    </message>
    <message>
        <source>--url needs a token: pass --token or set DUST_TOKEN.</source>
        <translation>--url braucht ein Token: --token angeben oder DUST_TOKEN setzen.</translation>
    </message>
    <message>
        <source>--token is only used with --url.</source>
        <translation>--token wird nur zusammen mit --url verwendet.</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksSchema</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 ist erforderlich.</translation>
    </message>
    <message numerus="yes">
        <source>A slug has at most %n characters.</source>
        <translation>
            <numerusform>Ein Slug hat höchstens %n Zeichen.</numerusform>
            <numerusform>Ein Slug hat höchstens %n Zeichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use lower-case letters and digits, joined by &apos;-&apos; or &apos;.&apos; (for example qt.io-docs).</source>
        <translation>Kleinbuchstaben und Ziffern verwenden, verbunden durch &apos;-&apos; oder &apos;.&apos; (zum Beispiel qt.io-docs).</translation>
    </message>
    <message>
        <source>Another link already uses this slug.</source>
        <translation>Ein anderer Link verwendet diesen Slug bereits.</translation>
    </message>
    <message>
        <source>Enter a web address that starts with http:// or https://.</source>
        <translation>Geben Sie eine Webadresse ein, die mit http:// oder https:// beginnt.</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksStartup</name>
    <message>
        <source>Dust Links</source>
        <translation>Dust Links</translation>
    </message>
    <message>
        <source>A live list of links kept in a Dust store.</source>
        <translation>Eine Live-Liste von Links in einem Dust-Store.</translation>
    </message>
    <message>
        <source>The embedded Dust server did not start: %1</source>
        <translation>Der eingebettete Dust-Server ist nicht gestartet: %1</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksWindow</name>
    <message>
        <source>Connection problem: %1</source>
        <translation>Verbindungsproblem: %1</translation>
    </message>
    <message>
        <source>The links cannot be shown: %1</source>
        <translation>Die Links können nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Links — %1</source>
        <translation>Links – %1</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>Neuer Link</translation>
    </message>
    <message>
        <source>e.g. Qt documentation</source>
        <translation>z. B. Qt-Dokumentation</translation>
    </message>
    <message>
        <source>The link&apos;s name in the store (links/&lt;slug&gt;); made from the URL unless you type one.</source>
        <translation>Der Name des Links im Store (links/&lt;slug&gt;); wird aus der URL gebildet, sofern Sie keinen eingeben.</translation>
    </message>
    <message>
        <source>Optional: why this link matters</source>
        <translation>Optional: warum dieser Link wichtig ist</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde erneut…</translation>
    </message>
    <message>
        <source>Not authorized</source>
        <translation>Nicht autorisiert</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <source>One link</source>
        <translation>Ein Link</translation>
    </message>
    <message numerus="yes">
        <source>%n links</source>
        <translation>
            <numerusform>%n Link</numerusform>
            <numerusform>%n Links</numerusform>
        </translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Link hinzufügen</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>Link bearbeiten</translation>
    </message>
    <message>
        <source>The link was not saved: %1</source>
        <translation>Der Link wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Added “%1”</source>
        <translation>„%1“ hinzugefügt</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>„%1“ gespeichert</translation>
    </message>
    <message>
        <source>Delete link?</source>
        <translation>Link löschen?</translation>
    </message>
    <message>
        <source>“%1” will be removed for everyone who uses this store.</source>
        <translation>„%1“ wird für alle entfernt, die diesen Store nutzen.</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>„%1“ gelöscht</translation>
    </message>
    <message>
        <source>“%1” was not deleted: %2</source>
        <translation>„%1“ wurde nicht gelöscht: %2</translation>
    </message>
</context>
<context>
    <name>LinkDelegate</name>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>The link was not saved: %1</source>
        <translation>Der Link wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Link hinzufügen</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>Link bearbeiten</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>e.g. Qt documentation</source>
        <translation>z. B. Qt-Dokumentation</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>The link&apos;s name in the store (links/&lt;slug&gt;); made from the URL unless you type one.</source>
        <translation>Der Name des Links im Store (links/&lt;slug&gt;); wird aus der URL gebildet, sofern Sie keinen eingeben.</translation>
    </message>
    <message>
        <source>The slug names the link in the store and cannot change.</source>
        <translation>Der Slug benennt den Link im Store und kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Optional: why this link matters</source>
        <translation>Optional: warum dieser Link wichtig ist</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichert…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Links — %1</source>
        <translation>Links – %1</translation>
    </message>
    <message>
        <source>Connection problem: %1</source>
        <translation>Verbindungsproblem: %1</translation>
    </message>
    <message>
        <source>The links cannot be shown: %1</source>
        <translation>Die Links können nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>“%1” saved</source>
        <translation>„%1“ gespeichert</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Added “%1”</source>
        <translation>„%1“ hinzugefügt</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>„%1“ gespeichert</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>„%1“ gelöscht</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lädt…</translation>
    </message>
    <message>
        <source>One link</source>
        <translation>Ein Link</translation>
    </message>
    <message numerus="yes">
        <source>%n links</source>
        <translation>
            <numerusform>%n Link</numerusform>
            <numerusform>%n Links</numerusform>
        </translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sortieren nach</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>Absteigend</translation>
    </message>
    <message>
        <source>Ascending</source>
        <translation>Aufsteigend</translation>
    </message>
    <message>
        <source>New window</source>
        <translation>Neues Fenster</translation>
    </message>
    <message>
        <source>Open another window on the same store, with its own connection</source>
        <translation>Ein weiteres Fenster auf denselben Store öffnen, mit eigener Verbindung</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Link hinzufügen</translation>
    </message>
    <message>
        <source>No links yet</source>
        <translation>Noch keine Links</translation>
    </message>
    <message>
        <source>Add one here, or from anywhere else that uses the store %1.</source>
        <translation>Fügen Sie hier einen hinzu oder von überall sonst, wo der Store %1 genutzt wird.</translation>
    </message>
    <message>
        <source>Add your first link</source>
        <translation>Ersten Link hinzufügen</translation>
    </message>
    <message>
        <source>Waiting for the Dust server</source>
        <translation>Warte auf den Dust-Server</translation>
    </message>
    <message>
        <source>The links appear as soon as the connection is up.</source>
        <translation>Die Links erscheinen, sobald die Verbindung steht.</translation>
    </message>
    <message>
        <source>The Dust server refused this app</source>
        <translation>Der Dust-Server hat diese App abgewiesen</translation>
    </message>
    <message>
        <source>Check the token and the store (--token, --store), then start the app again.</source>
        <translation>Prüfen Sie Token und Store (--token, --store) und starten Sie die App dann neu.</translation>
    </message>
    <message numerus="yes">
        <source>%n added today</source>
        <translation>
            <numerusform>heute %n hinzugefügt</numerusform>
            <numerusform>heute %n hinzugefügt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>StatusIndicator</name>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde erneut…</translation>
    </message>
    <message>
        <source>Not authorized</source>
        <translation>Nicht autorisiert</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
</TS>
