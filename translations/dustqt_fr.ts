<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>DeleteDialog</name>
    <message>
        <source>Delete link?</source>
        <translation>Supprimer le lien ?</translation>
    </message>
    <message>
        <source>“%1” will be removed for everyone who uses this store.</source>
        <translation>« %1 » sera supprimé pour tous ceux qui utilisent ce store.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>“%1” was not deleted: %2</source>
        <translation>« %1 » n&apos;a pas été supprimé : %2</translation>
    </message>
</context>
<context>
    <name>Dust::Changeset</name>
    <message>
        <source>is not a field</source>
        <translation>n&apos;est pas un champ</translation>
    </message>
    <message>
        <source>is invalid</source>
        <translation>n&apos;est pas valide</translation>
    </message>
    <message>
        <source>can&apos;t be blank</source>
        <translation>ne peut pas être vide</translation>
    </message>
    <message>
        <source>cannot be empty</source>
        <translation>ne peut pas être vide</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>doit être une chaîne de caractères</translation>
    </message>
</context>
<context>
    <name>Dust::Cli</name>
    <message>
        <source>Set the value at a path.</source>
        <translation>Définit la valeur à un chemin.</translation>
    </message>
    <message>
        <source>Delete a path and everything below it.</source>
        <translation>Supprime un chemin et tout ce qui se trouve en dessous.</translation>
    </message>
    <message>
        <source>Merge an object into the map at a path.</source>
        <translation>Fusionne un objet dans la table à un chemin.</translation>
    </message>
    <message>
        <source>Add to the counter at a path (default 1; write a negative delta after --).</source>
        <translation>Ajoute une valeur au compteur à un chemin (1 par défaut ; écrire un delta négatif après --).</translation>
    </message>
    <message>
        <source>Add a member to the set at a path.</source>
        <translation>Ajoute un membre à l&apos;ensemble à un chemin.</translation>
    </message>
    <message>
        <source>Remove a member from the set at a path.</source>
        <translation>Retire un membre de l&apos;ensemble à un chemin.</translation>
    </message>
    <message>
        <source>List the entries matching a glob pattern.</source>
        <translation>Liste les entrées correspondant à un motif glob.</translation>
    </message>
    <message>
        <source>Print one JSON line per change matching a pattern, until interrupted.</source>
        <translation>Affiche une ligne JSON par modification correspondant à un motif, jusqu&apos;à interruption.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Commandes :</translation>
    </message>
    <message>
        <source>--mode must be all, committed or optimistic</source>
        <translation>--mode doit valoir all, committed ou optimistic</translation>
    </message>
    <message>
        <source>cannot install signal handlers</source>
        <translation>impossible d&apos;installer les gestionnaires de signaux</translation>
    </message>
    <message>
        <source>watching %1 on %2</source>
        <translation>surveillance de %1 dans %2</translation>
    </message>
    <message>
        <source>Read, write and watch a Dust store.</source>
        <translation>Lire, écrire et surveiller un store Dust.</translation>
    </message>
    <message>
        <source>Server WebSocket URL (default $DUST_URL, else %1).</source>
        <translation>URL WebSocket du serveur (par défaut $DUST_URL, sinon %1).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>token</source>
        <translation>jeton</translation>
    </message>
    <message>
        <source>The dev server&apos;s data directory, to find its token (default $DUST_DATA_DIR, else the dev server&apos;s default).</source>
        <translation>Répertoire de données du serveur de développement, pour trouver son jeton (par défaut $DUST_DATA_DIR, sinon celui du serveur de développement).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>répertoire</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Language of the messages, e.g. de or fr (default: the system language).</source>
        <translation>Langue des messages, par exemple de ou fr (par défaut : la langue du système).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>One of the commands above.</source>
        <translation>L&apos;une des commandes ci-dessus.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; see dust --help</source>
        <translation>commande « %1 » inconnue ; voir dust --help</translation>
    </message>
    <message>
        <source>Only if the leaf&apos;s revision is this.</source>
        <translation>Seulement si la feuille a cette révision.</translation>
    </message>
    <message>
        <source>revision</source>
        <translation>révision</translation>
    </message>
    <message>
        <source>Only if the path holds no value yet.</source>
        <translation>Seulement si le chemin n&apos;a pas encore de valeur.</translation>
    </message>
    <message>
        <source>Entries per page, 1-1000 (default 50).</source>
        <translation>Entrées par page, de 1 à 1000 (50 par défaut).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Start after this cursor (a path).</source>
        <translation>Commencer après ce curseur (un chemin).</translation>
    </message>
    <message>
        <source>cursor</source>
        <translation>curseur</translation>
    </message>
    <message>
        <source>asc or desc (default asc).</source>
        <translation>asc ou desc (asc par défaut).</translation>
    </message>
    <message>
        <source>order</source>
        <translation>ordre</translation>
    </message>
    <message>
        <source>entries, keys or prefixes (default entries).</source>
        <translation>entries, keys ou prefixes (entries par défaut).</translation>
    </message>
    <message>
        <source>what</source>
        <translation>quoi</translation>
    </message>
    <message>
        <source>all, committed or optimistic (default all).</source>
        <translation>all, committed ou optimistic (all par défaut).</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>mode</translation>
    </message>
    <message>
        <source>First print every matching entry.</source>
        <translation>Afficher d&apos;abord chaque entrée correspondante.</translation>
    </message>
    <message>
        <source>usage: dust [--url U] [--token T] %1 %2</source>
        <translation>utilisation : dust [--url U] [--token T] %1 %2</translation>
    </message>
    <message>
        <source>--timeout must be a positive number of milliseconds</source>
        <translation>--timeout doit être un nombre positif de millisecondes</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not JSON (quote strings: &apos;&quot;%1&quot;&apos;)</source>
        <translation>« %1 » n&apos;est pas du JSON (chaînes entre guillemets : &apos;&quot;%1&quot;&apos;)</translation>
    </message>
    <message>
        <source>merge needs a JSON object</source>
        <translation>merge attend un objet JSON</translation>
    </message>
    <message>
        <source>the delta must be a number</source>
        <translation>le delta doit être un nombre</translation>
    </message>
    <message>
        <source>--if-match needs a revision number</source>
        <translation>--if-match attend un numéro de révision</translation>
    </message>
    <message>
        <source>--order must be asc or desc</source>
        <translation>--order doit valoir asc ou desc</translation>
    </message>
    <message>
        <source>--select must be entries, keys or prefixes</source>
        <translation>--select doit valoir entries, keys ou prefixes</translation>
    </message>
    <message>
        <source>Speak MessagePack frames (Phoenix serializer vsn 3.0.0) instead of JSON.</source>
        <translation>Utiliser des trames MessagePack (sérialiseur Phoenix vsn 3.0.0) au lieu de JSON.</translation>
    </message>
    <message>
        <source>--%1 needs a whole number of at least %2</source>
        <translation>--%1 attend un nombre entier d&apos;au moins %2</translation>
    </message>
    <message>
        <source>the lease token must be a whole number</source>
        <translation>le jeton du bail doit être un nombre entier</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>rollback needs either a path or --store</source>
        <translation>rollback attend soit un chemin, soit --store</translation>
    </message>
    <message>
        <source>rollback needs --to-seq</source>
        <translation>rollback attend --to-seq</translation>
    </message>
    <message>
        <source>no file entry of %1 references %2</source>
        <translation>aucune entrée de fichier de %1 ne référence %2</translation>
    </message>
    <message>
        <source>%1 of %2 bytes (%3%)</source>
        <translation>%1 sur %2 octets (%3 %)</translation>
    </message>
    <message>
        <source>not_a_file_reference: %1 is not a file reference, the path of one or a sha256: hash</source>
        <translation>not_a_file_reference : %1 n&apos;est ni une référence de fichier, ni le chemin d&apos;une telle référence, ni un hachage sha256:</translation>
    </message>
    <message>
        <source>not_found: the server has no file %1</source>
        <translation>not_found : le serveur n&apos;a pas de fichier %1</translation>
    </message>
    <message>
        <source>forbidden: the server refuses %1 (the token needs files:read and a store that references the file)</source>
        <translation>forbidden : le serveur refuse %1 (le jeton a besoin de files:read et d&apos;un store qui référence le fichier)</translation>
    </message>
    <message>
        <source>--op: &quot;%1&quot; is not an operation</source>
        <translation>--op : « %1 » n&apos;est pas une opération</translation>
    </message>
    <message>
        <source>The lease lasts this many milliseconds (default 30000).</source>
        <translation>Durée du bail en millisecondes (30000 par défaut).</translation>
    </message>
    <message>
        <source>Who holds the lease, shown to the others.</source>
        <translation>Qui détient le bail, visible par les autres.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>The file name stored (default the file&apos;s own).</source>
        <translation>Le nom de fichier enregistré (par défaut celui du fichier).</translation>
    </message>
    <message>
        <source>The MIME type stored, e.g. image/png.</source>
        <translation>Le type MIME enregistré, par exemple image/png.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>Back to how it was just after this store_seq (0: before the first write).</source>
        <translation>Revenir à l&apos;état juste après ce store_seq (0 : avant la première écriture).</translation>
    </message>
    <message>
        <source>Roll back the whole store instead of a path.</source>
        <translation>Restaurer tout le store au lieu d&apos;un chemin.</translation>
    </message>
    <message>
        <source>Write the file here instead of to stdout.</source>
        <translation>Écrire le fichier ici au lieu de stdout.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>Show the progress on stderr even when it is not a terminal.</source>
        <translation>Afficher la progression sur stderr même si ce n&apos;est pas un terminal.</translation>
    </message>
    <message>
        <source>With --current, print at most this many entries (1-1000; default all).</source>
        <translation>Avec --current, afficher au plus ce nombre d&apos;entrées (de 1 à 1000 ; toutes par défaut).</translation>
    </message>
    <message>
        <source>With --current, asc or desc path order (default asc).</source>
        <translation>Avec --current, ordre des chemins asc ou desc (asc par défaut).</translation>
    </message>
    <message>
        <source>Print only these operations, e.g. set,delete (default all).</source>
        <translation>N&apos;afficher que ces opérations, par exemple set,delete (toutes par défaut).</translation>
    </message>
    <message>
        <source>ops</source>
        <translation>opérations</translation>
    </message>
    <message>
        <source>Print the value at a path.</source>
        <translation>Affiche la valeur à un chemin.</translation>
    </message>
    <message>
        <source>Print the entry at a path: path, value, type, revision and synced_at.</source>
        <translation>Affiche l&apos;entrée à un chemin : chemin, valeur, type, révision et synced_at.</translation>
    </message>
    <message>
        <source>Print the leaves at these paths that exist, as one object.</source>
        <translation>Affiche, en un seul objet, les feuilles existantes à ces chemins.</translation>
    </message>
    <message>
        <source>Upload a file and store its reference at a path.</source>
        <translation>Envoie un fichier et enregistre sa référence à un chemin.</translation>
    </message>
    <message>
        <source>Download a file (the one a file entry, a file reference or a sha256: hash names) to stdout or --output.</source>
        <translation>Télécharge un fichier (celui que désigne une entrée de fichier, une référence de fichier ou un hachage sha256:) vers stdout ou --output.</translation>
    </message>
    <message>
        <source>List the leaves with from &lt;= path &lt; to.</source>
        <translation>Liste les feuilles telles que from &lt;= chemin &lt; to.</translation>
    </message>
    <message>
        <source>Take the lease at a path and print its token.</source>
        <translation>Prend le bail à un chemin et affiche son jeton.</translation>
    </message>
    <message>
        <source>Extend a lease held with this token.</source>
        <translation>Prolonge un bail détenu avec ce jeton.</translation>
    </message>
    <message>
        <source>Give up a lease held with this token.</source>
        <translation>Libère un bail détenu avec ce jeton.</translation>
    </message>
    <message>
        <source>Roll a path, or with --store the whole store, back to a past store_seq.</source>
        <translation>Ramène un chemin, ou avec --store tout le store, à un store_seq passé.</translation>
    </message>
    <message>
        <source>Print the connection status and permissions, and the server&apos;s store_seq and entry count.</source>
        <translation>Affiche l&apos;état de la connexion et les permissions, ainsi que le store_seq et le nombre d&apos;entrées du serveur.</translation>
    </message>
    <message>
        <source>the server&apos;s catch_up_complete for %1 is malformed: %2</source>
        <translation>le catch_up_complete du serveur pour %1 est mal formé : %2</translation>
    </message>
    <message>
        <source>the server refused the join of %1: %2</source>
        <translation>le serveur a refusé de rejoindre %1 : %2</translation>
    </message>
    <message>
        <source>joined %1, but the server did not finish the catch-up within %2 ms</source>
        <translation>%1 rejoint, mais le serveur n&apos;a pas terminé le rattrapage en %2 ms</translation>
    </message>
    <message>
        <source>connected, but the server did not answer the join of %1 within %2 ms</source>
        <translation>connecté, mais le serveur n&apos;a pas répondu à la demande pour rejoindre %1 en %2 ms</translation>
    </message>
    <message>
        <source>no connection to %1 within %2 ms</source>
        <translation>aucune connexion à %1 en %2 ms</translation>
    </message>
    <message>
        <source>connection lost: %1</source>
        <translation>connexion perdue : %1</translation>
    </message>
    <message>
        <source>lost %1; reconnecting</source>
        <translation>%1 perdu ; reconnexion en cours</translation>
    </message>
    <message>
        <source>rejoined %1</source>
        <translation>%1 rejoint de nouveau</translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation>aucune réponse en %1 ms</translation>
    </message>
    <message>
        <source>API token (default $DUST_API_KEY, then $DUST_TOKEN, else the dev server&apos;s &lt;data-dir&gt;/dev-token).</source>
        <translation>Jeton d&apos;API ($DUST_API_KEY par défaut, puis $DUST_TOKEN, sinon le &lt;data-dir&gt;/dev-token du serveur de développement).</translation>
    </message>
    <message>
        <source>Give up after this many milliseconds: the whole command, or the start of a watch (default 15000).</source>
        <translation>Abandonner après ce nombre de millisecondes : la commande entière, ou le démarrage d&apos;un watch (15000 par défaut).</translation>
    </message>
    <message>
        <source>no token: pass --token, set DUST_API_KEY or DUST_TOKEN, or start dust-devserver</source>
        <translation>aucun jeton : passez --token, définissez DUST_API_KEY ou DUST_TOKEN, ou lancez dust-devserver</translation>
    </message>
    <message>
        <source>Values are JSON (quote strings: &apos;&quot;text&quot;&apos;). Output is JSON. Exit codes: 0 ok, 1 server or connection error, 2 usage, 130 or 143 ended by SIGINT or SIGTERM. &quot;dust &lt;command&gt; --help&quot; describes a command.</source>
        <translation>Les valeurs sont en JSON (mettez les chaînes entre guillemets : &apos;&quot;text&quot;&apos;). La sortie est en JSON. Codes de sortie : 0 succès, 1 erreur du serveur ou de connexion, 2 mauvaise utilisation, 130 ou 143 arrêt par SIGINT ou SIGTERM. « dust &lt;command&gt; --help » décrit une commande.</translation>
    </message>
</context>
<context>
    <name>Dust::Client</name>
    <message>
        <source>connection closed</source>
        <translation>connexion fermée</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>impossible de créer %1</translation>
    </message>
    <message>
        <source>unknown cache schema %1</source>
        <translation>schéma de cache %1 inconnu</translation>
    </message>
    <message>
        <source>the server refused the connection (HTTP %1)</source>
        <translation>le serveur a refusé la connexion (HTTP %1)</translation>
    </message>
</context>
<context>
    <name>Dust::DevServer</name>
    <message>
        <source>Address to listen on (default 127.0.0.1). Anything but a loopback address lets other machines reach the server; it warns.</source>
        <translation>Adresse d&apos;écoute (127.0.0.1 par défaut). Toute adresse autre que la boucle locale rend le serveur accessible à d&apos;autres machines ; un avertissement est affiché.</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <source>Port for WebSocket and HTTP (default 7755); 0 picks a free port, printed at start-up.</source>
        <translation>Port pour WebSocket et HTTP (7755 par défaut) ; 0 choisit un port libre, affiché au démarrage.</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>Directory for the SQLite stores and the dev token (default %1).</source>
        <translation>Répertoire des stores SQLite et du jeton de développement (par défaut %1).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>répertoire</translation>
    </message>
    <message>
        <source>Keep every store in memory only: nothing is written to disk, everything is lost at exit.</source>
        <translation>Garder tous les stores en mémoire uniquement : rien n&apos;est écrit sur le disque, tout est perdu à la sortie.</translation>
    </message>
    <message>
        <source>Declare a store &quot;org/name&quot;, created at start-up if needed. Repeat for more stores.</source>
        <translation>Déclarer un store « org/name », créé au démarrage si nécessaire. Répéter pour d&apos;autres stores.</translation>
    </message>
    <message>
        <source>org/name</source>
        <translation>org/nom</translation>
    </message>
    <message>
        <source>Create a store when a client first joins or writes to it (the default).</source>
        <translation>Créer un store dès qu&apos;un client le rejoint ou y écrit pour la première fois (par défaut).</translation>
    </message>
    <message>
        <source>Only serve declared and existing stores; joining any other store is refused as &quot;unauthorized&quot;.</source>
        <translation>Ne servir que les stores déclarés et existants ; rejoindre tout autre store est refusé avec « unauthorized ».</translation>
    </message>
    <message>
        <source>tokens.json</source>
        <translation>tokens.json</translation>
    </message>
    <message>
        <source>Largest WebSocket message accepted, in bytes (default %1); a larger one closes the socket with code 1009.</source>
        <translation>Taille maximale d&apos;un message WebSocket accepté, en octets (%1 par défaut) ; un message plus grand ferme le socket avec le code 1009.</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>octets</translation>
    </message>
    <message>
        <source>Close a WebSocket that sent nothing for this long, in milliseconds (default %1; 0 = never). Clients send a heartbeat every 30 s.</source>
        <translation>Fermer un WebSocket qui n&apos;a rien envoyé pendant cette durée, en millisecondes (%1 par défaut ; 0 = jamais). Les clients envoient un battement de cœur toutes les 30 s.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Language of the messages, e.g. de or fr (default: the system language).</source>
        <translation>Langue des messages, par exemple de ou fr (par défaut : la langue du système).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Try &apos;dust-devserver --help&apos; for more information.</source>
        <translation>Essayez « dust-devserver --help » pour plus d&apos;informations.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argument inattendu « %1 »</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation>« %1 » n&apos;est pas une adresse IP</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (0-65535)</source>
        <translation>« %1 » n&apos;est pas un numéro de port (0-65535)</translation>
    </message>
    <message>
        <source>--memory and --data-dir exclude each other</source>
        <translation>--memory et --data-dir s&apos;excluent mutuellement</translation>
    </message>
    <message>
        <source>--auto-create and --no-auto-create exclude each other</source>
        <translation>--auto-create et --no-auto-create s&apos;excluent mutuellement</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a store name &quot;org/name&quot;</source>
        <translation>« %1 » n&apos;est pas un nom de store « org/name »</translation>
    </message>
    <message>
        <source>--max-frame needs a number of bytes of at least 1024</source>
        <translation>--max-frame attend un nombre d&apos;octets d&apos;au moins 1024</translation>
    </message>
    <message>
        <source>--idle-timeout needs a number of milliseconds (0 = never)</source>
        <translation>--idle-timeout attend un nombre de millisecondes (0 = jamais)</translation>
    </message>
    <message>
        <source>dust-devserver: cannot start: %1</source>
        <translation>dust-devserver : démarrage impossible : %1</translation>
    </message>
    <message>
        <source>Dust dev server %1</source>
        <translation>Serveur de développement Dust %1</translation>
    </message>
    <message>
        <source>WebSocket: %1</source>
        <translation>WebSocket : %1</translation>
    </message>
    <message>
        <source>HTTP:      %1</source>
        <translation>HTTP :      %1</translation>
    </message>
    <message>
        <source>Port:      %1</source>
        <translation>Port :      %1</translation>
    </message>
    <message>
        <source>Data:      %1</source>
        <translation>Données :   %1</translation>
    </message>
    <message>
        <source>in memory (lost at exit)</source>
        <translation>en mémoire (perdues à la sortie)</translation>
    </message>
    <message>
        <source>Stores:    %1</source>
        <translation>Stores :    %1</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(aucun pour l&apos;instant)</translation>
    </message>
    <message>
        <source>Dev token: %1</source>
        <translation>Jeton :     %1</translation>
    </message>
    <message>
        <source>           (also in %1)</source>
        <translation>            (aussi dans %1)</translation>
    </message>
    <message>
        <source>A local Dust server that unmodified Dust clients can use.

Clients connect to ws://&lt;address&gt;:&lt;port&gt;/ws/sync (JSON with vsn=2.0.0, MessagePack with
vsn=3.0.0), or wss:// with --cert and --key; the REST entries API is under
/api/stores/&lt;org&gt;/&lt;name&gt;/entries and files are under /api/files/&lt;hash&gt;. Without --config the
server uses one full-access dev token: it is printed at start-up and kept in
&lt;data-dir&gt;/dev-token, where tools look for it.</source>
        <translation>Un serveur Dust local que des clients Dust non modifiés peuvent utiliser.

Les clients se connectent à ws://&lt;adresse&gt;:&lt;port&gt;/ws/sync (JSON avec vsn=2.0.0, MessagePack avec
vsn=3.0.0), ou en wss:// avec --cert et --key ; l&apos;API REST des entrées se trouve sous
/api/stores/&lt;org&gt;/&lt;nom&gt;/entries et les fichiers sous /api/files/&lt;hash&gt;. Sans --config, le
serveur utilise un jeton de développement à accès complet : il est affiché au démarrage et gardé dans
&lt;data-dir&gt;/dev-token, où les outils le trouvent.</translation>
    </message>
    <message>
        <source>Ctrl+C or SIGTERM stops it after closing every store cleanly. Exit status: 0 after a stop,
1 when it cannot start (port taken, data directory not writable, bad --config) or an
option is unknown, 2 for an invalid option value. More log output:
QT_LOGGING_RULES=&quot;dust.server.debug=true&quot;.</source>
        <translation>Ctrl+C ou SIGTERM l&apos;arrête après avoir fermé proprement chaque store. Code de sortie : 0 après un
arrêt, 1 s&apos;il ne peut pas démarrer (port occupé, répertoire de données non inscriptible,
--config incorrect) ou si une option est inconnue, 2 pour une valeur d&apos;option invalide.
Plus de journalisation : QT_LOGGING_RULES=&quot;dust.server.debug=true&quot;.</translation>
    </message>
    <message>
        <source>Serve wss:// and https:// with this PEM certificate file (the server&apos;s certificate first, then its chain). Needs --key.</source>
        <translation>Servir wss:// et https:// avec ce fichier de certificat PEM (le certificat du serveur d&apos;abord, puis sa chaîne). Nécessite --key.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>The unencrypted PEM private key (RSA or EC) of --cert.</source>
        <translation>La clé privée PEM non chiffrée (RSA ou EC) de --cert.</translation>
    </message>
    <message>
        <source>Writes each token may make per window (WebSocket write/put_file and REST writes); one more is refused with &quot;rate_limited&quot; (REST: 429). Default 0 = no limit.</source>
        <translation>Écritures que chaque jeton peut faire par fenêtre (write/put_file WebSocket et écritures REST) ; une de plus est refusée avec « rate_limited » (REST : 429). Par défaut 0 = pas de limite.</translation>
    </message>
    <message>
        <source>writes</source>
        <translation>écritures</translation>
    </message>
    <message>
        <source>The window of --rate-limit, in milliseconds (default %1).</source>
        <translation>La fenêtre de --rate-limit, en millisecondes (par défaut %1).</translation>
    </message>
    <message>
        <source>--cert and --key go together</source>
        <translation>--cert et --key vont ensemble</translation>
    </message>
    <message>
        <source>--rate-limit needs a number of writes (0 = no limit)</source>
        <translation>--rate-limit attend un nombre d&apos;écritures (0 = pas de limite)</translation>
    </message>
    <message>
        <source>--rate-limit-window needs a positive number of milliseconds</source>
        <translation>--rate-limit-window attend un nombre positif de millisecondes</translation>
    </message>
    <message>
        <source>Token configuration file: {&quot;tokens&quot;: [{&quot;token&quot;: &quot;dust_tok_...&quot;, &quot;scopes&quot;: [&quot;entries:read&quot;, &quot;entries:write&quot;, &quot;files:read&quot;, &quot;files:write&quot;], &quot;store_access&quot;: &quot;all&quot; or [&quot;org/name&quot;, ...], &quot;expires_at&quot;: optional ISO 8601 time}]}. The hosted service&apos;s other scopes (stores:*, webhooks:*, audit:read, tokens:*) are accepted and not enforced. Without it one full-access dev token is used.</source>
        <translation>Fichier de configuration des jetons : {&quot;tokens&quot;: [{&quot;token&quot;: &quot;dust_tok_...&quot;, &quot;scopes&quot;: [&quot;entries:read&quot;, &quot;entries:write&quot;, &quot;files:read&quot;, &quot;files:write&quot;], &quot;store_access&quot;: &quot;all&quot; ou [&quot;org/name&quot;, ...], &quot;expires_at&quot;: heure ISO 8601 facultative}]}. Les autres portées du service hébergé (stores:*, webhooks:*, audit:read, tokens:*) sont acceptées mais pas appliquées. Sans lui, un jeton de développement à accès complet est utilisé.</translation>
    </message>
</context>
<context>
    <name>Dust::Error</name>
    <message>
        <source>No path was given.</source>
        <translation>Aucun chemin n&apos;a été indiqué.</translation>
    </message>
    <message>
        <source>The path is empty.</source>
        <translation>Le chemin est vide.</translation>
    </message>
    <message>
        <source>The path has an empty segment (a leading, trailing or doubled &apos;/&apos;).</source>
        <translation>Le chemin contient un segment vide (un « / » au début, à la fin ou doublé).</translation>
    </message>
    <message>
        <source>The path has an invalid escape: &apos;~&apos; must be followed by &apos;0&apos; or &apos;1&apos;.</source>
        <translation>Le chemin contient un échappement invalide : « ~ » doit être suivi de « 0 » ou « 1 ».</translation>
    </message>
    <message>
        <source>A path or path segment is not a string.</source>
        <translation>Un chemin ou un segment de chemin n&apos;est pas une chaîne de caractères.</translation>
    </message>
    <message>
        <source>The path segments are not a list.</source>
        <translation>Les segments du chemin ne sont pas une liste.</translation>
    </message>
    <message>
        <source>&apos;**&apos; may only be the last segment of a pattern.</source>
        <translation>« ** » ne peut être que le dernier segment d&apos;un motif.</translation>
    </message>
    <message>
        <source>A path segment or object key holds half of a UTF-16 surrogate pair, which is not a character.</source>
        <translation>Un segment de chemin ou une clé d&apos;objet contient la moitié d&apos;une paire de substitution UTF-16, qui n&apos;est pas un caractère.</translation>
    </message>
    <message>
        <source>A merge needs an object value.</source>
        <translation>Une fusion nécessite un objet comme valeur.</translation>
    </message>
    <message>
        <source>An increment needs a number.</source>
        <translation>Un incrément nécessite un nombre.</translation>
    </message>
    <message>
        <source>Only a number can be incremented; the path holds another value.</source>
        <translation>Seul un nombre peut être incrémenté ; le chemin contient une autre valeur.</translation>
    </message>
    <message>
        <source>Adding to a set needs a value.</source>
        <translation>L&apos;ajout à un ensemble nécessite une valeur.</translation>
    </message>
    <message>
        <source>Removing from a set needs a value.</source>
        <translation>Le retrait d&apos;un ensemble nécessite une valeur.</translation>
    </message>
    <message>
        <source>An object key is empty; keys become path segments and must not be empty.</source>
        <translation>Une clé d&apos;objet est vide ; les clés deviennent des segments de chemin et ne doivent pas être vides.</translation>
    </message>
    <message>
        <source>The value changed since it was read (revision conflict).</source>
        <translation>La valeur a changé depuis sa lecture (conflit de révision).</translation>
    </message>
    <message>
        <source>The path already has a value.</source>
        <translation>Le chemin a déjà une valeur.</translation>
    </message>
    <message>
        <source>if_match and if_absent cannot be used together.</source>
        <translation>if_match et if_absent ne peuvent pas être utilisés ensemble.</translation>
    </message>
    <message>
        <source>if_match is only allowed on set and delete.</source>
        <translation>if_match n&apos;est autorisé qu&apos;avec set et delete.</translation>
    </message>
    <message>
        <source>if_match cannot be used with an object value.</source>
        <translation>if_match ne peut pas être utilisé avec un objet comme valeur.</translation>
    </message>
    <message>
        <source>if_absent is only allowed on set.</source>
        <translation>if_absent n&apos;est autorisé qu&apos;avec set.</translation>
    </message>
    <message>
        <source>if_absent cannot be used with an object value.</source>
        <translation>if_absent ne peut pas être utilisé avec un objet comme valeur.</translation>
    </message>
    <message>
        <source>The server does not know this operation.</source>
        <translation>Le serveur ne connaît pas cette opération.</translation>
    </message>
    <message>
        <source>The file content is not valid base64.</source>
        <translation>Le contenu du fichier n&apos;est pas du base64 valide.</translation>
    </message>
    <message>
        <source>The request has invalid parameters.</source>
        <translation>La requête contient des paramètres invalides.</translation>
    </message>
    <message>
        <source>The lease is held by someone else.</source>
        <translation>Le bail est détenu par quelqu&apos;un d&apos;autre.</translation>
    </message>
    <message>
        <source>The lease key holds a value that is not a lease.</source>
        <translation>La clé du bail contient une valeur qui n&apos;est pas un bail.</translation>
    </message>
    <message>
        <source>The lease is not held with this token (expired or released).</source>
        <translation>Le bail n&apos;est pas détenu avec ce jeton (expiré ou libéré).</translation>
    </message>
    <message>
        <source>The write was fenced: the lease it depends on is no longer held.</source>
        <translation>L&apos;écriture a été bloquée : le bail dont elle dépend n&apos;est plus détenu.</translation>
    </message>
    <message>
        <source>The server and client capability versions do not match.</source>
        <translation>Les versions de capacités du serveur et du client ne correspondent pas.</translation>
    </message>
    <message>
        <source>The store is archived.</source>
        <translation>Le store est archivé.</translation>
    </message>
    <message>
        <source>A plan limit was exceeded.</source>
        <translation>Une limite de l&apos;offre a été dépassée.</translation>
    </message>
    <message>
        <source>Too many requests; try again later.</source>
        <translation>Trop de requêtes ; réessayez plus tard.</translation>
    </message>
    <message>
        <source>Not authorized: the token or the store is not valid.</source>
        <translation>Non autorisé : le jeton ou le store n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>The token is missing a required scope.</source>
        <translation>Il manque au jeton une portée requise.</translation>
    </message>
    <message>
        <source>The token does not have access to this store.</source>
        <translation>Le jeton n&apos;a pas accès à ce store.</translation>
    </message>
    <message>
        <source>Access is forbidden.</source>
        <translation>L&apos;accès est interdit.</translation>
    </message>
    <message>
        <source>The message is not valid JSON.</source>
        <translation>Le message n&apos;est pas du JSON valide.</translation>
    </message>
    <message>
        <source>The message is not valid UTF-8.</source>
        <translation>Le message n&apos;est pas de l&apos;UTF-8 valide.</translation>
    </message>
    <message>
        <source>The message is not valid MessagePack.</source>
        <translation>Le message n&apos;est pas du MessagePack valide.</translation>
    </message>
    <message>
        <source>The message is not a five-element array.</source>
        <translation>Le message n&apos;est pas un tableau de cinq éléments.</translation>
    </message>
    <message>
        <source>The message array does not have five elements.</source>
        <translation>Le tableau du message n&apos;a pas cinq éléments.</translation>
    </message>
    <message>
        <source>The message&apos;s join reference is neither a string nor null.</source>
        <translation>La référence de connexion du message n&apos;est ni une chaîne ni null.</translation>
    </message>
    <message>
        <source>The message&apos;s reference is neither a string nor null.</source>
        <translation>La référence du message n&apos;est ni une chaîne ni null.</translation>
    </message>
    <message>
        <source>The message&apos;s topic is not a non-empty string.</source>
        <translation>Le sujet du message n&apos;est pas une chaîne non vide.</translation>
    </message>
    <message>
        <source>The message&apos;s event is not a non-empty string.</source>
        <translation>L&apos;événement du message n&apos;est pas une chaîne non vide.</translation>
    </message>
    <message>
        <source>The message&apos;s payload is not an object.</source>
        <translation>Le contenu du message n&apos;est pas un objet.</translation>
    </message>
    <message>
        <source>The message is nested too deeply.</source>
        <translation>Le message est imbriqué trop profondément.</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>Le message est trop volumineux.</translation>
    </message>
    <message>
        <source>The server sent an unexpected reply.</source>
        <translation>Le serveur a envoyé une réponse inattendue.</translation>
    </message>
    <message>
        <source>The message has a string with half of a UTF-16 surrogate pair, which is not a character.</source>
        <translation>Le message contient une chaîne avec la moitié d&apos;une paire de substitution UTF-16, qui n&apos;est pas un caractère.</translation>
    </message>
    <message>
        <source>The message holds a number JSON cannot represent (NaN or infinity).</source>
        <translation>Le message contient un nombre que JSON ne peut pas représenter (NaN ou infini).</translation>
    </message>
    <message>
        <source>No answer arrived in time; the write may still be applied.</source>
        <translation>Aucune réponse dans le délai imparti ; l&apos;écriture peut malgré tout être appliquée.</translation>
    </message>
    <message>
        <source>Not connected to the Dust server.</source>
        <translation>Pas de connexion au serveur Dust.</translation>
    </message>
    <message>
        <source>The client was closed before the operation finished.</source>
        <translation>Le client a été fermé avant la fin de l&apos;opération.</translation>
    </message>
    <message>
        <source>Nothing was found at this path.</source>
        <translation>Rien n&apos;a été trouvé à ce chemin.</translation>
    </message>
    <message>
        <source>This operation is not supported here.</source>
        <translation>Cette opération n&apos;est pas prise en charge ici.</translation>
    </message>
    <message>
        <source>A network error occurred.</source>
        <translation>Une erreur réseau s&apos;est produite.</translation>
    </message>
    <message>
        <source>The server answered with an error.</source>
        <translation>Le serveur a répondu par une erreur.</translation>
    </message>
    <message>
        <source>The server does not offer this route; it may be older than this client.</source>
        <translation>Le serveur ne propose pas cette route ; il est peut-être plus ancien que ce client.</translation>
    </message>
    <message>
        <source>Local storage failed.</source>
        <translation>Le stockage local a échoué.</translation>
    </message>
    <message>
        <source>The record has no slug.</source>
        <translation>L&apos;enregistrement n&apos;a pas de slug.</translation>
    </message>
    <message>
        <source>There is nothing to write.</source>
        <translation>Il n&apos;y a rien à écrire.</translation>
    </message>
    <message>
        <source>The message is for a topic this connection has not joined.</source>
        <translation>Le message concerne un sujet que cette connexion n&apos;a pas rejoint.</translation>
    </message>
    <message>
        <source>The server does not handle this event on this topic.</source>
        <translation>Le serveur ne traite pas cet événement pour ce sujet.</translation>
    </message>
    <message>
        <source>This HTTP method is not allowed on this route.</source>
        <translation>Cette méthode HTTP n&apos;est pas autorisée sur cette route.</translation>
    </message>
    <message>
        <source>A store name must be &quot;org/name&quot;, each part letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>Un nom de store doit être de la forme « org/name », chaque partie composée de lettres, de chiffres, de « . », « _ » ou « - ».</translation>
    </message>
    <message>
        <source>The token configuration is not valid.</source>
        <translation>La configuration des jetons n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>The server&apos;s data directory cannot be created or written.</source>
        <translation>Le répertoire de données du serveur ne peut être ni créé ni écrit.</translation>
    </message>
    <message>
        <source>The server could not listen on the address and port (is the port taken?).</source>
        <translation>Le serveur n&apos;a pas pu écouter sur l&apos;adresse et le port (le port est-il déjà utilisé ?).</translation>
    </message>
    <message>
        <source>The Dust server is not running.</source>
        <translation>Le serveur Dust n&apos;est pas en cours d&apos;exécution.</translation>
    </message>
    <message>
        <source>The server URL must be a ws:// or wss:// URL with a host.</source>
        <translation>L&apos;URL du serveur doit être une URL ws:// ou wss:// avec un hôte.</translation>
    </message>
    <message>
        <source>No API token was given.</source>
        <translation>Aucun jeton d&apos;API n&apos;a été indiqué.</translation>
    </message>
    <message>
        <source>The server stopped answering heartbeats; reconnecting.</source>
        <translation>Le serveur ne répond plus aux battements de cœur ; reconnexion en cours.</translation>
    </message>
    <message>
        <source>The server sent an event whose value does not fit its operation.</source>
        <translation>Le serveur a envoyé un événement dont la valeur ne correspond pas à son opération.</translation>
    </message>
    <message>
        <source>The subscription&apos;s queue size must be at least 1 and its bootstrap limit not negative.</source>
        <translation>La taille de file de l&apos;abonnement doit être d&apos;au moins 1 et sa limite d&apos;amorçage ne doit pas être négative.</translation>
    </message>
    <message>
        <source>A subscription needs a callback.</source>
        <translation>Un abonnement nécessite une fonction de rappel.</translation>
    </message>
    <message>
        <source>A subscription delivered to a receiver needs a receiver object.</source>
        <translation>Un abonnement livré à un destinataire nécessite un objet destinataire.</translation>
    </message>
    <message>
        <source>A lease needs a positive time to live.</source>
        <translation>Un bail nécessite une durée de vie positive.</translation>
    </message>
    <message>
        <source>The schema has no name.</source>
        <translation>Le schéma n&apos;a pas de nom.</translation>
    </message>
    <message>
        <source>The schema has no prefix; give a list of path segments such as [&quot;links&quot;].</source>
        <translation>Le schéma n&apos;a pas de préfixe ; indiquez une liste de segments de chemin, par exemple [&quot;links&quot;].</translation>
    </message>
    <message>
        <source>The schema prefix is a segment list, not a dotted string.</source>
        <translation>Le préfixe du schéma est une liste de segments, pas une chaîne avec des points.</translation>
    </message>
    <message>
        <source>The schema prefix must be a non-empty list of non-empty strings.</source>
        <translation>Le préfixe du schéma doit être une liste non vide de chaînes non vides.</translation>
    </message>
    <message>
        <source>The schema prefix must not be empty.</source>
        <translation>Le préfixe du schéma ne doit pas être vide.</translation>
    </message>
    <message>
        <source>The schema prefix segments must be non-empty strings.</source>
        <translation>Les segments du préfixe du schéma doivent être des chaînes non vides.</translation>
    </message>
    <message>
        <source>The schema mode must be &quot;flat&quot; or &quot;map&quot;.</source>
        <translation>Le mode du schéma doit être « flat » ou « map ».</translation>
    </message>
    <message>
        <source>The schema&apos;s required fields must be a list of field names.</source>
        <translation>Les champs obligatoires du schéma doivent être une liste de noms de champs.</translation>
    </message>
    <message>
        <source>A required field is not a field of the schema.</source>
        <translation>Un champ obligatoire n&apos;est pas un champ du schéma.</translation>
    </message>
    <message>
        <source>The schema fields must be a map of names to types or a list of {name, type}.</source>
        <translation>Les champs du schéma doivent être une table de noms vers des types ou une liste de {name, type}.</translation>
    </message>
    <message>
        <source>A schema field has an empty name.</source>
        <translation>Un champ du schéma a un nom vide.</translation>
    </message>
    <message>
        <source>A schema field is declared twice.</source>
        <translation>Un champ du schéma est déclaré deux fois.</translation>
    </message>
    <message>
        <source>A schema field has an unknown type (use string, int, double, bool, datetime, map or list).</source>
        <translation>Un champ du schéma a un type inconnu (utilisez string, int, double, bool, datetime, map ou list).</translation>
    </message>
    <message>
        <source>A property of the record type has a C++ type a schema field cannot hold.</source>
        <translation>Une propriété du type d&apos;enregistrement a un type C++ qu&apos;un champ de schéma ne peut pas contenir.</translation>
    </message>
    <message>
        <source>A property of the record type cannot be written.</source>
        <translation>Une propriété du type d&apos;enregistrement ne peut pas être écrite.</translation>
    </message>
    <message>
        <source>The record type has no property for the slug.</source>
        <translation>Le type d&apos;enregistrement n&apos;a pas de propriété pour le slug.</translation>
    </message>
    <message>
        <source>The slug field must be a string field.</source>
        <translation>Le champ slug doit être un champ de type chaîne.</translation>
    </message>
    <message>
        <source>The slug field name must be a non-empty string.</source>
        <translation>Le nom du champ slug doit être une chaîne non vide.</translation>
    </message>
    <message>
        <source>The schema descriptor has an unknown key.</source>
        <translation>Le descripteur du schéma contient une clé inconnue.</translation>
    </message>
    <message>
        <source>The schema is not valid (it was never created successfully).</source>
        <translation>Le schéma n&apos;est pas valide (il n&apos;a jamais été créé avec succès).</translation>
    </message>
    <message>
        <source>The slug must be a string.</source>
        <translation>Le slug doit être une chaîne de caractères.</translation>
    </message>
    <message>
        <source>The slug cannot be empty.</source>
        <translation>Le slug ne peut pas être vide.</translation>
    </message>
    <message>
        <source>A field value does not have the field&apos;s type.</source>
        <translation>La valeur d&apos;un champ n&apos;a pas le type du champ.</translation>
    </message>
    <message>
        <source>The record has no such field.</source>
        <translation>L&apos;enregistrement n&apos;a pas de tel champ.</translation>
    </message>
    <message>
        <source>The record did not pass validation.</source>
        <translation>L&apos;enregistrement n&apos;a pas passé la validation.</translation>
    </message>
    <message>
        <source>if_match needs a map-mode schema: a flat record is written one field at a time.</source>
        <translation>if_match nécessite un schéma en mode map : un enregistrement plat est écrit champ par champ.</translation>
    </message>
    <message>
        <source>A batch operation is not an insert, update or delete.</source>
        <translation>Une opération de lot n&apos;est ni un insert, ni un update, ni un delete.</translation>
    </message>
    <message>
        <source>No store was configured.</source>
        <translation>Aucun store n&apos;a été configuré.</translation>
    </message>
    <message>
        <source>The server URL is not valid.</source>
        <translation>L&apos;URL du serveur n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>The store kept changing while its records were read; try again.</source>
        <translation>Le store n&apos;a cessé de changer pendant la lecture de ses enregistrements ; réessayez.</translation>
    </message>
    <message>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation>Le serveur a répondu avec un statut HTTP inattendu.</translation>
    </message>
    <message>
        <source>The PubSub hub no longer exists.</source>
        <translation>Le hub PubSub n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Live updates need a WebSocket connection: give the repository a client that has this store.</source>
        <translation>Les mises à jour en direct nécessitent une connexion WebSocket : donnez au dépôt un client qui possède ce store.</translation>
    </message>
    <message>
        <source>No repository was given (set the repo property).</source>
        <translation>Aucun dépôt n&apos;a été indiqué (définissez la propriété repo).</translation>
    </message>
    <message>
        <source>No schema was given (set the schema property).</source>
        <translation>Aucun schéma n&apos;a été indiqué (définissez la propriété schema).</translation>
    </message>
    <message>
        <source>The repository is not ready yet; call it once the QML component is complete.</source>
        <translation>Le dépôt n&apos;est pas encore prêt ; appelez-le une fois le composant QML terminé.</translation>
    </message>
    <message>
        <source>The record must be an object of field names and values.</source>
        <translation>L&apos;enregistrement doit être un objet de noms de champs et de valeurs.</translation>
    </message>
    <message>
        <source>There is no record with this slug.</source>
        <translation>Il n&apos;existe aucun enregistrement avec ce slug.</translation>
    </message>
    <message>
        <source>The backlog limit must be at least 1.</source>
        <translation>La limite de l&apos;arriéré doit être d&apos;au moins 1.</translation>
    </message>
    <message>
        <source>The test server is not running.</source>
        <translation>Le serveur de test n&apos;est pas en cours d&apos;exécution.</translation>
    </message>
    <message>
        <source>The test waited in vain: the expected state did not arrive in time.</source>
        <translation>Le test a attendu en vain : l&apos;état attendu n&apos;est pas arrivé à temps.</translation>
    </message>
    <message>
        <source>The test server refused the client&apos;s join.</source>
        <translation>Le serveur de test a refusé la connexion du client.</translation>
    </message>
    <message>
        <source>The test kit stopped waiting: the test had already failed.</source>
        <translation>Le kit de test a cessé d&apos;attendre : le test avait déjà échoué.</translation>
    </message>
    <message>
        <source>DustQt has no translation for this language; texts stay in English.</source>
        <translation>DustQt n&apos;a pas de traduction pour cette langue ; les textes restent en anglais.</translation>
    </message>
    <message>
        <source>Translations can only be installed once the application object exists.</source>
        <translation>Les traductions ne peuvent être installées qu&apos;une fois l&apos;objet application créé.</translation>
    </message>
    <message>
        <source>No error.</source>
        <translation>Aucune erreur.</translation>
    </message>
    <message>
        <source>The path is not valid.</source>
        <translation>Le chemin n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>The value is not valid for this operation.</source>
        <translation>La valeur n&apos;est pas valide pour cette opération.</translation>
    </message>
    <message>
        <source>The message does not follow the Dust protocol.</source>
        <translation>Le message ne respecte pas le protocole Dust.</translation>
    </message>
    <message>
        <source>The server rejected the write.</source>
        <translation>Le serveur a refusé l&apos;écriture.</translation>
    </message>
    <message>
        <source>The live subscription could not be started.</source>
        <translation>L&apos;abonnement en direct n&apos;a pas pu être démarré.</translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation>L&apos;opération a été annulée.</translation>
    </message>
    <message>
        <source>The schema declaration is not valid.</source>
        <translation>La déclaration du schéma n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate or private key cannot be used.</source>
        <translation>Le certificat TLS ou la clé privée du serveur est inutilisable.</translation>
    </message>
    <message>
        <source>The server did not complete the connection in time; reconnecting.</source>
        <translation>Le serveur n&apos;a pas établi la connexion à temps ; reconnexion en cours.</translation>
    </message>
    <message>
        <source>The server sent a message with a missing or mistyped field; it was ignored.</source>
        <translation>Le serveur a envoyé un message dont un champ manque ou n&apos;a pas le bon type ; il a été ignoré.</translation>
    </message>
    <message>
        <source>The server sent a snapshot older than this client&apos;s data; it was ignored.</source>
        <translation>Le serveur a envoyé un instantané plus ancien que les données de ce client ; il a été ignoré.</translation>
    </message>
    <message>
        <source>The server sent a binary message on a JSON connection; it was ignored.</source>
        <translation>Le serveur a envoyé un message binaire sur une connexion JSON ; il a été ignoré.</translation>
    </message>
    <message>
        <source>A number is outside the range JSON holds exactly (integers up to ±2^53).</source>
        <translation>Un nombre est hors de la plage que JSON représente exactement (entiers jusqu&apos;à ±2^53).</translation>
    </message>
    <message>
        <source>The server could not decode a message this client sent.</source>
        <translation>Le serveur n&apos;a pas pu décoder un message envoyé par ce client.</translation>
    </message>
    <message>
        <source>The value is not a file reference ({&quot;_type&quot;: &quot;file&quot;, &quot;hash&quot;: &quot;sha256:...&quot;, &quot;size&quot;: ...}).</source>
        <translation>La valeur n&apos;est pas une référence de fichier ({&quot;_type&quot;: &quot;file&quot;, &quot;hash&quot;: &quot;sha256:...&quot;, &quot;size&quot;: ...}).</translation>
    </message>
    <message>
        <source>The downloaded file does not match its reference (size or SHA-256 differ).</source>
        <translation>Le fichier téléchargé ne correspond pas à sa référence (taille ou SHA-256 différents).</translation>
    </message>
    <message>
        <source>The download needs a device that is open for writing.</source>
        <translation>Le téléchargement nécessite un périphérique ouvert en écriture.</translation>
    </message>
    <message>
        <source>singleFlight needs a work function.</source>
        <translation>singleFlight nécessite une fonction de travail.</translation>
    </message>
    <message>
        <source>A rollback needs a store_seq from 0 up to the store&apos;s current one.</source>
        <translation>Un retour en arrière nécessite un store_seq compris entre 0 et le store_seq actuel du store.</translation>
    </message>
    <message>
        <source>No client was given (set the client property).</source>
        <translation>Aucun client n&apos;a été fourni (définissez la propriété client).</translation>
    </message>
    <message>
        <source>A page limit must be a positive number.</source>
        <translation>Une limite de page doit être un nombre positif.</translation>
    </message>
    <message>
        <source>A command-line option has an invalid value.</source>
        <translation>Une option de la ligne de commande a une valeur non valide.</translation>
    </message>
    <message>
        <source>Listing prefixes needs a pattern that ends in &apos;**&apos;.</source>
        <translation>Lister les préfixes demande un motif qui se termine par « ** ».</translation>
    </message>
    <message>
        <source>A range cannot list prefixes; list the leaves instead.</source>
        <translation>Un intervalle ne peut pas lister de préfixes ; listez plutôt les feuilles.</translation>
    </message>
    <message>
        <source>A topic subscription&apos;s context object must live in a thread that runs an event loop.</source>
        <translation>L&apos;objet de contexte d&apos;un abonnement à un topic doit vivre dans un thread qui exécute une boucle d&apos;événements.</translation>
    </message>
    <message>
        <source>The topic could not subscribe to the repository&apos;s changes.</source>
        <translation>Le topic n&apos;a pas pu s&apos;abonner aux changements du dépôt.</translation>
    </message>
    <message>
        <source>The repository was deleted before the topic could read its records.</source>
        <translation>Le dépôt a été supprimé avant que le topic ne puisse lire ses enregistrements.</translation>
    </message>
</context>
<context>
    <name>Dust::HttpTransport</name>
    <message>
        <source>the HTTP transport has no realtime; use a Dust::Client</source>
        <translation>le transport HTTP n&apos;a pas de temps réel ; utilisez un Dust::Client</translation>
    </message>
</context>
<context>
    <name>Dust::PubSub</name>
    <message>
        <source>subscribeToPubSub needs a repo and a context object</source>
        <translation>subscribeToPubSub nécessite un dépôt et un objet de contexte</translation>
    </message>
    <message>
        <source>The context object of a topic subscription must live in a thread that runs an event loop</source>
        <translation>L&apos;objet de contexte d&apos;un abonnement à un sujet doit vivre dans un thread qui exécute une boucle d&apos;événements</translation>
    </message>
</context>
<context>
    <name>Dust::QuickListModel</name>
    <message>
        <source>filterFunction is not a function; every record is shown</source>
        <translation>filterFunction n&apos;est pas une fonction ; tous les enregistrements sont affichés</translation>
    </message>
</context>
<context>
    <name>Dust::Repo</name>
    <message>
        <source>struct dumped to an empty body</source>
        <translation>la structure a produit un contenu vide</translation>
    </message>
    <message>
        <source>no fields to write</source>
        <translation>aucun champ à écrire</translation>
    </message>
    <message>
        <source>realtime needs the WebSocket transport (a Dust::Client with this store)</source>
        <translation>le temps réel nécessite le transport WebSocket (un Dust::Client avec ce store)</translation>
    </message>
    <message>
        <source>batch_write needs the HTTP transport (the WebSocket protocol has no atomic batch)</source>
        <translation>batch_write nécessite le transport HTTP (le protocole WebSocket n&apos;a pas de lot atomique)</translation>
    </message>
</context>
<context>
    <name>Dust::Schema</name>
    <message>
        <source>write the prefix as the segment list %1</source>
        <translation>écrivez le préfixe comme la liste de segments %1</translation>
    </message>
    <message>
        <source>missing slug</source>
        <translation>slug manquant</translation>
    </message>
</context>
<context>
    <name>Dust::Server</name>
    <message>
        <source>the join payload needs last_store_seq, a non-negative integer</source>
        <translation>le contenu de la connexion nécessite last_store_seq, un entier positif ou nul</translation>
    </message>
    <message>
        <source>If-Match must be one revision, e.g. 7 or &quot;7&quot;</source>
        <translation>If-Match doit être une seule révision, par exemple 7 ou &quot;7&quot;</translation>
    </message>
    <message>
        <source>a write takes only If-None-Match: *</source>
        <translation>une écriture n&apos;accepte que If-None-Match: *</translation>
    </message>
    <message>
        <source>limit must be an integer from 1 to 1000</source>
        <translation>limit doit être un entier de 1 à 1000</translation>
    </message>
    <message>
        <source>order must be asc or desc</source>
        <translation>order doit valoir asc ou desc</translation>
    </message>
    <message>
        <source>select must be entries, keys or prefixes</source>
        <translation>select doit valoir entries, keys ou prefixes</translation>
    </message>
    <message>
        <source>a range needs both from and to</source>
        <translation>une plage nécessite à la fois from et to</translation>
    </message>
    <message>
        <source>the body must be an object with a path</source>
        <translation>le corps doit être un objet avec un chemin</translation>
    </message>
    <message>
        <source>the body must be {&quot;paths&quot;: [...]} with at most 1000 paths</source>
        <translation>le corps doit être {&quot;paths&quot;: [...]} avec au plus 1000 chemins</translation>
    </message>
    <message>
        <source>the body must be {&quot;ops&quot;: [...]} with at most 1000 ops</source>
        <translation>le corps doit être {&quot;ops&quot;: [...]} avec au plus 1000 opérations</translation>
    </message>
    <message>
        <source>if_match must be an integer revision</source>
        <translation>if_match doit être une révision entière</translation>
    </message>
    <message>
        <source>if_absent must be true or false</source>
        <translation>if_absent doit valoir true ou false</translation>
    </message>
    <message>
        <source>the data directory cannot be created or written</source>
        <translation>le répertoire de données ne peut être ni créé ni écrit</translation>
    </message>
    <message>
        <source>the store&apos;s directory cannot be created</source>
        <translation>le répertoire du store ne peut pas être créé</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>%1.token must be a non-empty string of printable ASCII without spaces</source>
        <translation>%1.token doit être une chaîne non vide d&apos;ASCII imprimable sans espaces</translation>
    </message>
    <message>
        <source>%1.scopes must be a list</source>
        <translation>%1.scopes doit être une liste</translation>
    </message>
    <message>
        <source>%1.scopes has an unknown scope; known scopes are %2</source>
        <translation>%1.scopes contient une portée inconnue ; les portées connues sont %2</translation>
    </message>
    <message>
        <source>%1.store_access lists a store that is not &quot;org/name&quot;</source>
        <translation>%1.store_access cite un store qui n&apos;est pas de la forme &quot;org/name&quot;</translation>
    </message>
    <message>
        <source>%1.store_access must be &quot;all&quot; or a list of &quot;org/name&quot;</source>
        <translation>%1.store_access doit être &quot;all&quot; ou une liste de &quot;org/name&quot;</translation>
    </message>
    <message>
        <source>the configuration must be an object with a &quot;tokens&quot; list</source>
        <translation>la configuration doit être un objet avec une liste &quot;tokens&quot;</translation>
    </message>
    <message>
        <source>tokens[%1] repeats a token listed before it</source>
        <translation>tokens[%1] répète un jeton déjà listé avant lui</translation>
    </message>
    <message>
        <source>the configuration lists no token</source>
        <translation>la configuration ne contient aucun jeton</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 n&apos;est pas du JSON valide : %2</translation>
    </message>
    <message>
        <source>the Qt SQLite driver is not available</source>
        <translation>le pilote SQLite de Qt n&apos;est pas disponible</translation>
    </message>
    <message>
        <source>client_op_id must be a non-empty string of at most 256 characters</source>
        <translation>client_op_id doit être une chaîne non vide d&apos;au plus 256 caractères</translation>
    </message>
    <message>
        <source>fence must be {&quot;key&quot;: &lt;path&gt;, &quot;token&quot;: &lt;integer&gt;}</source>
        <translation>fence doit être {&quot;key&quot;: &lt;path&gt;, &quot;token&quot;: &lt;integer&gt;}</translation>
    </message>
    <message>
        <source>ttl_ms must be a positive integer of at most a year</source>
        <translation>ttl_ms doit être un entier positif d&apos;au plus un an</translation>
    </message>
    <message>
        <source>holder must be a string or null</source>
        <translation>holder doit être une chaîne ou null</translation>
    </message>
    <message>
        <source>token must be the integer token of the lease</source>
        <translation>token doit être le jeton entier du bail</translation>
    </message>
    <message>
        <source>filename must be a string</source>
        <translation>filename doit être une chaîne</translation>
    </message>
    <message>
        <source>content_type must be a string</source>
        <translation>content_type doit être une chaîne</translation>
    </message>
    <message>
        <source>ack_seq needs seq, a non-negative integer</source>
        <translation>ack_seq attend seq, un entier positif ou nul</translation>
    </message>
    <message>
        <source>this Qt has no TLS support</source>
        <translation>ce Qt ne prend pas en charge TLS</translation>
    </message>
    <message>
        <source>TLS needs both a certificate file and a private key file</source>
        <translation>TLS nécessite à la fois un fichier de certificat et un fichier de clé privée</translation>
    </message>
    <message>
        <source>no PEM certificate could be read from the file</source>
        <translation>aucun certificat PEM n&apos;a pu être lu dans le fichier</translation>
    </message>
    <message>
        <source>no unencrypted PEM RSA or EC private key could be read from the file</source>
        <translation>aucune clé privée PEM RSA ou EC non chiffrée n&apos;a pu être lue dans le fichier</translation>
    </message>
    <message>
        <source>%1.expires_at must be an ISO 8601 date and time</source>
        <translation>%1.expires_at doit être une date et heure ISO 8601</translation>
    </message>
    <message>
        <source>the request line is longer than %1 bytes</source>
        <translation>la ligne de requête dépasse %1 octets</translation>
    </message>
    <message>
        <source>the header block is larger than %1 bytes</source>
        <translation>le bloc d&apos;en-têtes dépasse %1 octets</translation>
    </message>
    <message>
        <source>the body is larger than %1 bytes</source>
        <translation>le corps dépasse %1 octets</translation>
    </message>
    <message>
        <source>the header block did not arrive within %1 ms</source>
        <translation>le bloc d&apos;en-têtes n&apos;est pas arrivé en %1 ms</translation>
    </message>
    <message>
        <source>the request line is not METHOD target HTTP/1.x</source>
        <translation>la ligne de requête n&apos;est pas de la forme MÉTHODE cible HTTP/1.x</translation>
    </message>
    <message>
        <source>the request has more than %1 header fields</source>
        <translation>la requête a plus de %1 champs d&apos;en-tête</translation>
    </message>
    <message>
        <source>a header field is malformed or folded</source>
        <translation>un champ d&apos;en-tête est mal formé ou replié</translation>
    </message>
    <message>
        <source>the body&apos;s length is ambiguous: one Content-Length, or Transfer-Encoding: chunked alone</source>
        <translation>la longueur du corps est ambiguë : un seul Content-Length, ou Transfer-Encoding: chunked seul</translation>
    </message>
    <message>
        <source>a request with a body needs a valid token</source>
        <translation>une requête avec un corps exige un jeton valide</translation>
    </message>
    <message>
        <source>to_seq must be an integer store_seq</source>
        <translation>to_seq doit être un store_seq entier</translation>
    </message>
</context>
<context>
    <name>Dust::TestServer</name>
    <message>
        <source>the model is gone</source>
        <translation>le modèle n&apos;existe plus</translation>
    </message>
    <message>
        <source>the model is %1 and holds [%2]</source>
        <translation>le modèle est %1 et contient [%2]</translation>
    </message>
    <message>
        <source>ListModelTester: stopped waiting for [%1], the test had already failed; %2.</source>
        <translation>ListModelTester : attente de [%1] arrêtée, le test avait déjà échoué ; %2.</translation>
    </message>
    <message>
        <source>ListModelTester: the rows were not [%1] within %2 ms; %3.</source>
        <translation>ListModelTester : les lignes n&apos;étaient pas [%1] en %2 ms ; %3.</translation>
    </message>
    <message>
        <source>the subscription is gone</source>
        <translation>l&apos;abonnement n&apos;existe plus</translation>
    </message>
    <message>
        <source>the subscription is %1</source>
        <translation>l&apos;abonnement est %1</translation>
    </message>
    <message>
        <source>SubscriptionSpy: %1 yet, and the test had already failed; %2.</source>
        <translation>SubscriptionSpy : %1 pour l&apos;instant, et le test avait déjà échoué ; %2.</translation>
    </message>
    <message>
        <source>SubscriptionSpy: %1 within %2 ms; %3.</source>
        <translation>SubscriptionSpy : %1 en %2 ms ; %3.</translation>
    </message>
    <message>
        <source>%1 after event %2</source>
        <translation>%1 après l&apos;événement %2</translation>
    </message>
    <message>
        <source>no upsert of &quot;%1&quot;</source>
        <translation>aucun upsert de « %1 »</translation>
    </message>
    <message>
        <source>no delete of &quot;%1&quot;</source>
        <translation>aucune suppression de « %1 »</translation>
    </message>
    <message>
        <source>no event</source>
        <translation>aucun événement</translation>
    </message>
    <message>
        <source>fewer than %1 events</source>
        <translation>moins de %1 événements</translation>
    </message>
    <message>
        <source>no resync</source>
        <translation>aucune resynchronisation</translation>
    </message>
    <message>
        <source>Nothing arrived.</source>
        <translation>Rien n&apos;est arrivé.</translation>
    </message>
    <message>
        <source>Arrived (1 event):</source>
        <translation>Reçu (1 événement) :</translation>
    </message>
    <message>
        <source>Arrived (%1 events):</source>
        <translation>Reçus (%1 événements) :</translation>
    </message>
    <message>
        <source>Dust::TestServer: %1</source>
        <translation>Dust::TestServer : %1</translation>
    </message>
    <message>
        <source>the test server needs at least one store</source>
        <translation>le serveur de test nécessite au moins un store</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not &quot;org/name&quot;</source>
        <translation>« %1 » n&apos;est pas de la forme « org/name »</translation>
    </message>
    <message>
        <source>no temporary directory: %1</source>
        <translation>pas de répertoire temporaire : %1</translation>
    </message>
    <message>
        <source>the server refused the client&apos;s join</source>
        <translation>le serveur a refusé la connexion du client</translation>
    </message>
    <message>
        <source>%1 is %2 at store_seq %3 (server at %4)</source>
        <translation>%1 est %2 à store_seq %3 (serveur à %4)</translation>
    </message>
    <message>
        <source>the client did not join within %1 ms: %2</source>
        <translation>le client n&apos;a pas rejoint en %1 ms : %2</translation>
    </message>
    <message>
        <source>%1 is %2 at store_seq %3 with %4 writes pending; the server is at %5</source>
        <translation>%1 est %2 à store_seq %3 avec %4 écritures en attente ; le serveur est à %5</translation>
    </message>
    <message>
        <source>not in sync within %1 ms: %2</source>
        <translation>pas synchronisé en %1 ms : %2</translation>
    </message>
    <message>
        <source>it was stopped</source>
        <translation>il a été arrêté</translation>
    </message>
    <message>
        <source>its last start failed</source>
        <translation>son dernier démarrage a échoué</translation>
    </message>
    <message>
        <source>the client has no store %1</source>
        <translation>le client n&apos;a pas de store %1</translation>
    </message>
</context>
<context>
    <name>Dust::Translations</name>
    <message>
        <source>&apos;%1&apos;; available: %2</source>
        <translation>« %1 » ; disponibles : %2</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksBackend</name>
    <message>
        <source>Dust server at %1, store %2</source>
        <translation>Serveur Dust à %1, store %2</translation>
    </message>
    <message>
        <source>Embedded Dust server at %1, store %2, data in %3</source>
        <translation>Serveur Dust intégré à %1, store %2, données dans %3</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksOptions</name>
    <message>
        <source>WebSocket URL of a Dust server, e.g. ws://127.0.0.1:7755/ws/sync. Without it, the app starts its own server.</source>
        <translation>URL WebSocket d&apos;un serveur Dust, par exemple ws://127.0.0.1:7755/ws/sync. Sans elle, l&apos;application démarre son propre serveur.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>API token for --url (default $DUST_TOKEN).</source>
        <translation>Jeton d&apos;API pour --url (par défaut $DUST_TOKEN).</translation>
    </message>
    <message>
        <source>token</source>
        <translation>jeton</translation>
    </message>
    <message>
        <source>The store that holds the links (default %1).</source>
        <translation>Le store qui contient les liens (par défaut %1).</translation>
    </message>
    <message>
        <source>org/name</source>
        <translation>org/nom</translation>
    </message>
    <message>
        <source>Where the embedded server keeps its data (default: the per-user data location).</source>
        <translation>Emplacement des données du serveur intégré (par défaut : le dossier de données de l&apos;utilisateur).</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>répertoire</translation>
    </message>
    <message>
        <source>Language of the texts, e.g. de or fr (default: the system language).</source>
        <translation>Langue des textes, par exemple de ou fr (par défaut : la langue du système).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>--url must be a WebSocket URL such as ws://127.0.0.1:7755/ws/sync.</source>
        <translation>--url doit être une URL WebSocket comme ws://127.0.0.1:7755/ws/sync.</translation>
    </message>
    <message>
        <source>--url needs a token: pass --token or set DUST_TOKEN.</source>
        <translation>--url nécessite un jeton : passez --token ou définissez DUST_TOKEN.</translation>
    </message>
    <message>
        <source>--token is only used with --url.</source>
        <translation>--token ne s&apos;utilise qu&apos;avec --url.</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksSchema</name>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 est obligatoire.</translation>
    </message>
    <message numerus="yes">
        <source>A slug has at most %n characters.</source>
        <translation>
            <numerusform>Un slug a au plus %n caractère.</numerusform>
            <numerusform>Un slug a au plus %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use lower-case letters and digits, joined by &apos;-&apos; or &apos;.&apos; (for example qt.io-docs).</source>
        <translation>Utilisez des lettres minuscules et des chiffres, reliés par « - » ou « . » (par exemple qt.io-docs).</translation>
    </message>
    <message>
        <source>Another link already uses this slug.</source>
        <translation>Un autre lien utilise déjà ce slug.</translation>
    </message>
    <message>
        <source>Enter a web address that starts with http:// or https://.</source>
        <translation>Saisissez une adresse web qui commence par http:// ou https://.</translation>
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
        <translation>Une liste de liens en direct, conservée dans un store Dust.</translation>
    </message>
    <message>
        <source>The embedded Dust server did not start: %1</source>
        <translation>Le serveur Dust intégré n&apos;a pas démarré : %1</translation>
    </message>
</context>
<context>
    <name>DustLinks::LinksWindow</name>
    <message>
        <source>Connection problem: %1</source>
        <translation>Problème de connexion : %1</translation>
    </message>
    <message>
        <source>The links cannot be shown: %1</source>
        <translation>Les liens ne peuvent pas être affichés : %1</translation>
    </message>
    <message>
        <source>Links — %1</source>
        <translation>Liens — %1</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>Nouveau lien</translation>
    </message>
    <message>
        <source>e.g. Qt documentation</source>
        <translation>par ex. Documentation Qt</translation>
    </message>
    <message>
        <source>The link&apos;s name in the store (links/&lt;slug&gt;); made from the URL unless you type one.</source>
        <translation>Le nom du lien dans le store (links/&lt;slug&gt;) ; formé à partir de l&apos;URL si vous n&apos;en saisissez pas.</translation>
    </message>
    <message>
        <source>Optional: why this link matters</source>
        <translation>Facultatif : pourquoi ce lien compte</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <source>Not authorized</source>
        <translation>Non autorisé</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>One link</source>
        <translation>Un lien</translation>
    </message>
    <message numerus="yes">
        <source>%n links</source>
        <translation>
            <numerusform>%n lien</numerusform>
            <numerusform>%n liens</numerusform>
        </translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Ajouter un lien</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>Modifier le lien</translation>
    </message>
    <message>
        <source>The link was not saved: %1</source>
        <translation>Le lien n&apos;a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>Added “%1”</source>
        <translation>« %1 » ajouté</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>« %1 » enregistré</translation>
    </message>
    <message>
        <source>Delete link?</source>
        <translation>Supprimer le lien ?</translation>
    </message>
    <message>
        <source>“%1” will be removed for everyone who uses this store.</source>
        <translation>« %1 » sera supprimé pour tous ceux qui utilisent ce store.</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>« %1 » supprimé</translation>
    </message>
    <message>
        <source>“%1” was not deleted: %2</source>
        <translation>« %1 » n&apos;a pas été supprimé : %2</translation>
    </message>
</context>
<context>
    <name>LinkDelegate</name>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>The link was not saved: %1</source>
        <translation>Le lien n&apos;a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Ajouter un lien</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>Modifier le lien</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>e.g. Qt documentation</source>
        <translation>par ex. Documentation Qt</translation>
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
        <translation>Le nom du lien dans le store (links/&lt;slug&gt;) ; formé à partir de l&apos;URL si vous n&apos;en saisissez pas.</translation>
    </message>
    <message>
        <source>The slug names the link in the store and cannot change.</source>
        <translation>Le slug nomme le lien dans le store et ne peut pas changer.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Optional: why this link matters</source>
        <translation>Facultatif : pourquoi ce lien compte</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Links — %1</source>
        <translation>Liens — %1</translation>
    </message>
    <message>
        <source>Connection problem: %1</source>
        <translation>Problème de connexion : %1</translation>
    </message>
    <message>
        <source>The links cannot be shown: %1</source>
        <translation>Les liens ne peuvent pas être affichés : %1</translation>
    </message>
    <message>
        <source>“%1” saved</source>
        <translation>« %1 » enregistré</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>%1 supprimé</translation>
    </message>
    <message>
        <source>Added “%1”</source>
        <translation>« %1 » ajouté</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>« %1 » enregistré</translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation>« %1 » supprimé</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>One link</source>
        <translation>Un lien</translation>
    </message>
    <message numerus="yes">
        <source>%n links</source>
        <translation>
            <numerusform>%n lien</numerusform>
            <numerusform>%n liens</numerusform>
        </translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Trier par</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
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
        <translation>Décroissant</translation>
    </message>
    <message>
        <source>Ascending</source>
        <translation>Croissant</translation>
    </message>
    <message>
        <source>New window</source>
        <translation>Nouvelle fenêtre</translation>
    </message>
    <message>
        <source>Open another window on the same store, with its own connection</source>
        <translation>Ouvrir une autre fenêtre sur le même store, avec sa propre connexion</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Ajouter un lien</translation>
    </message>
    <message>
        <source>No links yet</source>
        <translation>Aucun lien pour l&apos;instant</translation>
    </message>
    <message>
        <source>Add one here, or from anywhere else that uses the store %1.</source>
        <translation>Ajoutez-en un ici, ou depuis tout autre endroit qui utilise le store %1.</translation>
    </message>
    <message>
        <source>Add your first link</source>
        <translation>Ajouter votre premier lien</translation>
    </message>
    <message>
        <source>Waiting for the Dust server</source>
        <translation>En attente du serveur Dust</translation>
    </message>
    <message>
        <source>The links appear as soon as the connection is up.</source>
        <translation>Les liens apparaissent dès que la connexion est établie.</translation>
    </message>
    <message>
        <source>The Dust server refused this app</source>
        <translation>Le serveur Dust a refusé cette application</translation>
    </message>
    <message>
        <source>Check the token and the store (--token, --store), then start the app again.</source>
        <translation>Vérifiez le jeton et le store (--token, --store), puis relancez l&apos;application.</translation>
    </message>
    <message numerus="yes">
        <source>%n added today</source>
        <translation>
            <numerusform>%n ajouté aujourd&apos;hui</numerusform>
            <numerusform>%n ajoutés aujourd&apos;hui</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>StatusIndicator</name>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <source>Not authorized</source>
        <translation>Non autorisé</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
</context>
</TS>
