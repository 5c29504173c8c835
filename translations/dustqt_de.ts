<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Dust::Changeset</name>
    <message>
        <source>is not a field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>can&apos;t be blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::Cli</name>
    <message>
        <source>Set the value at a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the entry at a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a path and everything below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge an object into the map at a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the counter at a path (default 1; write a negative delta after --).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a member to the set at a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a member from the set at a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the entries matching a glob pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON line per change matching a pattern, until interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the connection status and permissions for a store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no connection to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--mode must be all, committed or optimistic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot install signal handlers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watching %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read, write and watch a Dust store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values are JSON (quote strings: &apos;&quot;text&quot;&apos;). Output is JSON. Exit codes: 0 ok, 1 server or connection error, 2 usage. &quot;dust &lt;command&gt; --help&quot; describes a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server WebSocket URL (default $DUST_URL, else %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token (default $DUST_TOKEN, else the dev server&apos;s &lt;data-dir&gt;/dev-token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dev server&apos;s data directory, to find its token (default $DUST_DATA_DIR, else the dev server&apos;s default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up connecting after this many milliseconds (default 15000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the messages, e.g. de or fr (default: the system language).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of the commands above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; see dust --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if the leaf&apos;s revision is this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if the path holds no value yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries per page, 1-1000 (default 50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start after this cursor (a path).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asc or desc (default asc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entries, keys or prefixes (default entries).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all, committed or optimistic (default all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First print every matching entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: dust [--url U] [--token T] %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout must be a positive number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no token: pass --token, set DUST_TOKEN, or start dust-devserver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not JSON (quote strings: &apos;&quot;%1&quot;&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merge needs a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the delta must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--if-match needs a revision number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit needs a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--order must be asc or desc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--select must be entries, keys or prefixes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::Client</name>
    <message>
        <source>connection closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown cache schema %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::DevServer</name>
    <message>
        <source>A local Dust server that unmodified Dust clients can use.

Clients connect to ws://&lt;address&gt;:&lt;port&gt;/ws/sync (JSON with vsn=2.0.0, MessagePack with
vsn=3.0.0); the REST entries API is under /api/stores/&lt;org&gt;/&lt;name&gt;/entries and files are
under /api/files/&lt;hash&gt;. Without --config the server uses one full-access dev token: it is
printed at start-up and kept in &lt;data-dir&gt;/dev-token, where tools look for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1). Anything but a loopback address lets other machines reach the server; it warns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port for WebSocket and HTTP (default 7755); 0 picks a free port, printed at start-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory for the SQLite stores and the dev token (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep every store in memory only: nothing is written to disk, everything is lost at exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declare a store &quot;org/name&quot;, created at start-up if needed. Repeat for more stores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>org/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a store when a client first joins or writes to it (the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only serve declared and existing stores; joining any other store is refused as &quot;unauthorized&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token configuration file: {&quot;tokens&quot;: [{&quot;token&quot;: &quot;dust_tok_...&quot;, &quot;scopes&quot;: [&quot;entries:read&quot;, &quot;entries:write&quot;, &quot;files:read&quot;, &quot;files:write&quot;], &quot;store_access&quot;: &quot;all&quot; or [&quot;org/name&quot;, ...]}]}. Without it one full-access dev token is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest WebSocket message accepted, in bytes (default %1); a larger one closes the socket with code 1009.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close a WebSocket that sent nothing for this long, in milliseconds (default %1; 0 = never). Clients send a heartbeat every 30 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the messages, e.g. de or fr (default: the system language).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;dust-devserver --help&apos; for more information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (0-65535)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--memory and --data-dir exclude each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auto-create and --no-auto-create exclude each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a store name &quot;org/name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-frame needs a number of bytes of at least 1024</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--idle-timeout needs a number of milliseconds (0 = never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dust-devserver: cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dust dev server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP:      %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:      %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data:      %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in memory (lost at exit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dev token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>           (also in %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::Error</name>
    <message>
        <source>No path was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path has an empty segment (a leading, trailing or doubled &apos;/&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path has an invalid escape: &apos;~&apos; must be followed by &apos;0&apos; or &apos;1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A path or path segment is not a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path segments are not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;**&apos; may only be the last segment of a pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A path segment or object key holds half of a UTF-16 surrogate pair, which is not a character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A merge needs an object value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An increment needs a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a number can be incremented; the path holds another value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding to a set needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing from a set needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An object key is empty; keys become path segments and must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value changed since it was read (revision conflict).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path already has a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_match and if_absent cannot be used together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_match is only allowed on set and delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_match cannot be used with an object value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_absent is only allowed on set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_absent cannot be used with an object value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not know this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file content is not valid base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request has invalid parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lease is held by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lease key holds a value that is not a lease.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lease is not held with this token (expired or released).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The write was fenced: the lease it depends on is no longer held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server and client capability versions do not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is archived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A plan limit was exceeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not authorized: the token or the store is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is missing a required scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token does not have access to this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access is forbidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not valid UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not valid MessagePack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not a five-element array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message array does not have five elements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s join reference is neither a string nor null.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s reference is neither a string nor null.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s topic is not a non-empty string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s event is not a non-empty string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s payload is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an unexpected reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has a string with half of a UTF-16 surrogate pair, which is not a character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message holds a number JSON cannot represent (NaN or infinity).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer arrived in time; the write may still be applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the Dust server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client was closed before the operation finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was found at this path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This operation is not supported here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network error occurred.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not offer this route; it may be older than this client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local storage failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record has no slug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is for a topic this connection has not joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not handle this event on this topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This HTTP method is not allowed on this route.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store name must be &quot;org/name&quot;, each part letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token configuration is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s data directory cannot be created or written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not listen on the address and port (is the port taken?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Dust server is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server URL must be a ws:// or wss:// URL with a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API token was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server stopped answering heartbeats; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an event whose value does not fit its operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subscription&apos;s queue size must be at least 1 and its bootstrap limit not negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subscription needs a callback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subscription delivered to a receiver needs a receiver object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lease needs a positive time to live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema has no prefix; give a list of path segments such as [&quot;links&quot;].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema prefix is a segment list, not a dotted string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema prefix must be a non-empty list of non-empty strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema prefix must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema prefix segments must be non-empty strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema mode must be &quot;flat&quot; or &quot;map&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema&apos;s required fields must be a list of field names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A required field is not a field of the schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema fields must be a map of names to types or a list of {name, type}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schema field has an empty name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schema field is declared twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schema field has an unknown type (use string, int, double, bool, datetime, map or list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A property of the record type has a C++ type a schema field cannot hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A property of the record type cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record type has no property for the slug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slug field must be a string field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slug field name must be a non-empty string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema descriptor has an unknown key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is not valid (it was never created successfully).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slug must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slug cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A field value does not have the field&apos;s type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record has no such field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record did not pass validation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_match needs a map-mode schema: a flat record is written one field at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A batch operation is not an insert, update or delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store was configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store must be named &apos;org/name&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server URL is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store kept changing while its records were read; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an unexpected HTTP status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PubSub hub no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates need a WebSocket connection: give the repository a client that has this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No repository was given (set the repo property).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No schema was given (set the schema property).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository is not ready yet; call it once the QML component is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record must be an object of field names and values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no record with this slug.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backlog limit must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test server is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test waited in vain: the expected state did not arrive in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test server refused the client&apos;s join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test kit stopped waiting: the test had already failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DustQt has no translation for this language; texts stay in English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Translations can only be installed once the application object exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value is not valid for this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message does not follow the Dust protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live subscription could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema declaration is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::HttpTransport</name>
    <message>
        <source>the HTTP transport has no realtime; use a Dust::Client</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::PubSub</name>
    <message>
        <source>subscribeToPubSub needs a repo and a context object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::Repo</name>
    <message>
        <source>struct dumped to an empty body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fields to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>realtime needs the WebSocket transport (a Dust::Client with this store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch_write needs the HTTP transport (the WebSocket protocol has no atomic batch)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::Schema</name>
    <message>
        <source>write the prefix as the segment list %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing slug</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::Server</name>
    <message>
        <source>the join payload needs last_store_seq, a non-negative integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If-Match must be one revision, e.g. 7 or &quot;7&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a write takes only If-None-Match: *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit must be an integer from 1 to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order must be asc or desc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>select must be entries, keys or prefixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a range needs both from and to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be an object with a path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be {&quot;paths&quot;: [...]} with at most 1000 paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be {&quot;ops&quot;: [...]} with at most 1000 ops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_match must be an integer revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if_absent must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data directory cannot be created or written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the store&apos;s directory cannot be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.token must be a non-empty string of printable ASCII without spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.scopes must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.scopes has an unknown scope; known scopes are %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.store_access lists a store that is not &quot;org/name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.store_access must be &quot;all&quot; or a list of &quot;org/name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configuration must be an object with a &quot;tokens&quot; list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens[%1] repeats a token listed before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configuration lists no token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Qt SQLite driver is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_op_id must be a non-empty string of at most 256 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fence must be {&quot;key&quot;: &lt;path&gt;, &quot;token&quot;: &lt;integer&gt;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ttl_ms must be a positive integer of at most a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder must be a string or null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token must be the integer token of the lease</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filename must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content_type must be a string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::TestServer</name>
    <message>
        <source>the model is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model is %1 and holds [%2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ListModelTester: stopped waiting for [%1], the test had already failed; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ListModelTester: the rows were not [%1] within %2 ms; %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the subscription is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the subscription is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SubscriptionSpy: %1 yet, and the test had already failed; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SubscriptionSpy: %1 within %2 ms; %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after event %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no upsert of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no delete of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fewer than %1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no resync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived (1 event):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived (%1 events):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dust::TestServer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the test server needs at least one store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not &quot;org/name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no temporary directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refused the client&apos;s join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 at store_seq %3 (server at %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client did not join within %1 ms: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 at store_seq %3 with %4 writes pending; the server is at %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in sync within %1 ms: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its last start failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client has no store %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dust::Translations</name>
    <message>
        <source>&apos;%1&apos;; available: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
