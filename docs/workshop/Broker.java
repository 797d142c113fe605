import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workshop's look into the broker, with nothing but Java: whichever broker runs, RabbitMQ (docker compose) or
 * the embedded Apache Qpid (./run-local.sh), asked through its management API.
 *
 * <pre>
 *   java docs/workshop/Broker.java queues           every EcomNow queue: ready, unacknowledged, consumers
 *   java docs/workshop/Broker.java wait [SECONDS]   until no message is ready, in hand or waiting for a retry
 *                                                   (dead-letter queues aside), then the queues; default 60 s
 *   java docs/workshop/Broker.java until QUEUE N    until the statistics show N messages ready in QUEUE (RabbitMQ
 *                                                   refreshes a quorum queue's figures only every few seconds); 30 s
 *   java docs/workshop/Broker.java publish 'TEXT'   TEXT as a message to order_events, as the UI's "Publish" does
 * </pre>
 *
 * Port: ECOMNOW_BROKER_MANAGEMENT_PORT, else RABBITMQ_MANAGEMENT_PORT (environment, then .env), else 15672. Login:
 * admin with ECOMNOW_BROKER_MANAGEMENT_PASSWORD, else RABBITMQ_ADMIN_PASSWORD (environment, then .env).
 */
public class Broker {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    record QueueState(String name, long ready, long unacked, long consumers) {
    }

    private final String base;
    private final String authorization;
    private final boolean rabbitMq;

    Broker(String base, String user, String password) throws IOException, InterruptedException {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.rabbitMq = get("/api/overview").statusCode() == 200;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("queues", "wait", "until", "publish").contains(args[0])
                || (args[0].equals("publish") && args.length != 2) || (args[0].equals("until") && args.length != 3)) {
            System.err.println("usage: java docs/workshop/Broker.java queues | wait [SECONDS] | until QUEUE N"
                    + " | publish 'TEXT'");
            System.exit(2);
        }
        String port = setting("ECOMNOW_BROKER_MANAGEMENT_PORT").or(() -> setting("RABBITMQ_MANAGEMENT_PORT"))
                .orElse("15672");
        String password = setting("ECOMNOW_BROKER_MANAGEMENT_PASSWORD")
                .or(() -> setting("RABBITMQ_ADMIN_PASSWORD")).orElse("");
        Broker broker;
        try {
            broker = new Broker("http://127.0.0.1:" + port, "admin", password);
        }
        catch (IOException unreachable) {
            System.err.println("No broker management API answers on 127.0.0.1:" + port + " (" + unreachable + ")");
            System.exit(1);
            return;
        }
        switch (args[0]) {
            case "queues" -> print(broker.queues());
            case "wait" -> System.exit(broker.awaitQuiet(Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60)));
            case "until" -> System.exit(broker.awaitReady(args[1], Long.parseLong(args[2]), Duration.ofSeconds(30)));
            default -> broker.publish(args[1]);
        }
    }

    List<QueueState> queues() throws IOException, InterruptedException {
        List<QueueState> queues = new ArrayList<>();
        if (rabbitMq) {
            String json = ok(get("/api/queues/ecomnow?columns=name,messages_ready,messages_unacknowledged,consumers"));
            Matcher queue = Pattern.compile("\\{[^{}]*\\}").matcher(json);
            while (queue.find()) {
                String object = queue.group();
                queues.add(new QueueState(text(object, "name"), number(object, "messages_ready"),
                        number(object, "messages_unacknowledged"), number(object, "consumers")));
            }
        }
        else {
            String json = ok(get("/api/latest/queryvhost/ecomnow/ecomnow/queue?select=name,availableMessages,"
                    + "unacknowledgedMessages,consumerCount&orderBy=name"));
            Matcher row = Pattern.compile("\\[\\s*\"([^\"]+)\"\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\]")
                    .matcher(json);
            while (row.find()) {
                queues.add(new QueueState(row.group(1), Long.parseLong(row.group(2)), Long.parseLong(row.group(3)),
                        Long.parseLong(row.group(4))));
            }
        }
        queues.sort((a, b) -> a.name().compareTo(b.name()));
        return queues;
    }

    /** RabbitMQ's management statistics lag by up to 5 s: quiet twice in a row, 2 s apart, counts. */
    int awaitQuiet(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietReads = 0;
        while (System.nanoTime() < deadline) {
            List<QueueState> queues = queues();
            // Quiet: nothing ready or in hand, and every service queue has its consumer back (after a broker
            // restart the counts say 0 before the services have even reconnected).
            boolean quiet = queues.stream().filter(q -> !q.name().endsWith(".dlq"))
                    .allMatch(q -> q.ready() == 0 && q.unacked() == 0
                            && (q.name().contains(".retry") || q.consumers() > 0));
            quietReads = quiet ? quietReads + 1 : 0;
            if (quietReads == (rabbitMq ? 2 : 1)) {
                print(queues);
                return 0;
            }
            Thread.sleep(2000);
        }
        System.out.println("Still busy after " + timeout.toSeconds() + " s:");
        print(queues());
        return 1;
    }

    /** Silent when the statistics show {@code ready} messages ready in {@code queue}; says what they show if not. */
    int awaitReady(String queue, long ready, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long shown = -1;
        while (System.nanoTime() < deadline) {
            shown = queues().stream().filter(q -> q.name().equals(queue)).mapToLong(QueueState::ready).findFirst()
                    .orElse(-1);
            if (shown == ready) {
                return 0;
            }
            Thread.sleep(1000);
        }
        System.out.println(queue + ": " + known(shown) + " ready after " + timeout.toSeconds() + " s, not " + ready);
        return 1;
    }

    void publish(String text) throws IOException, InterruptedException {
        String id = "manual-" + UUID.randomUUID().toString().substring(0, 8);
        String body = rabbitMq
                ? "{\"routing_key\":\"\",\"payload_encoding\":\"string\",\"payload\":" + quote(text)
                        + ",\"properties\":{\"message_id\":\"" + id + "\",\"delivery_mode\":2,\"content_type\":\"application/json\"}}"
                : "{\"message\":{\"address\":\"order_events\",\"contentTransferEncoding\":\"base64\",\"content\":\""
                        // As bytes: Qpid types text content as text/plain whatever the mimeType says.
                        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\",\"messageId\":\""
                        + id + "\",\"persistent\":true,\"mimeType\":\"application/json\"}}";
        String path = rabbitMq ? "/api/exchanges/ecomnow/order_events/publish"
                : "/api/latest/virtualhost/ecomnow/ecomnow/publishMessage";
        ok(send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")));
        System.out.println("published message " + id + " to order_events");
    }

    private static String known(long value) {
        return value < 0 ? "?" : Long.toString(value);
    }

    private static void print(List<QueueState> queues) {
        System.out.printf("%-30s %7s %8s %10s%n", "queue", "ready", "unacked", "consumers");
        for (QueueState queue : queues) {
            System.out.printf("%-30s %7s %8s %10s%n", queue.name(), known(queue.ready()), known(queue.unacked()),
                    known(queue.consumers()));
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String text(String object, String field) {
        Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(object);
        return value.find() ? value.group(1) : "";
    }

    /** A missing count (RabbitMQ has no statistics yet for a queue just declared) is 0. */
    private static long number(String object, String field) {
        Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(object);
        // Missing: RabbitMQ has no statistics for the queue yet (a quorum queue right after a restart). Unknown, not 0.
        return value.find() ? Long.parseLong(value.group(1)) : -1;
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }

    /** The environment first, then the line NAME=value of .env in the current directory. */
    private static Optional<String> setting(String name) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return Optional.of(value.trim());
        }
        try {
            Path env = Path.of(".env");
            if (Files.exists(env)) {
                return Files.readAllLines(env).stream().filter(line -> line.startsWith(name + "="))
                        .map(line -> line.substring(name.length() + 1).trim()).filter(v -> !v.isEmpty())
                        .reduce((first, last) -> last);
            }
        }
        catch (IOException unreadable) {
            // no .env: the defaults apply
        }
        return Optional.empty();
    }
}
