import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * What a RabbitMQ user may do, asked of the broker itself (run by checks.sh with the RabbitMQ client on the
 * class path):
 *
 *   java AmqpProbe.java HOST USER PASSWORD login              prints "ok" or "refused: ..."
 *   java AmqpProbe.java HOST USER PASSWORD read QUEUE...      per queue "QUEUE ok" or "QUEUE refused: ..."
 *
 * "read" is a basic.get without ack on a fresh channel: it needs the read permission on the queue and takes
 * nothing away (the message, if any, goes back when the channel closes).
 */
public class AmqpProbe {

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(args[0]);
        factory.setUsername(args[1]);
        factory.setPassword(args[2]);
        factory.setVirtualHost("ecomnow");
        factory.setConnectionTimeout(5000);
        factory.setAutomaticRecoveryEnabled(false);
        Connection connection;
        try {
            connection = factory.newConnection();
        }
        catch (Exception refused) {
            System.out.println("refused: " + refused);
            return;
        }
        try (connection) {
            if (args[3].equals("login")) {
                System.out.println("ok");
                return;
            }
            for (String queue : List.of(args).subList(4, args.length)) {
                try (Channel channel = connection.createChannel()) {
                    GetResponse ignored = channel.basicGet(queue, false);
                    System.out.println(queue + " ok");
                }
                catch (Exception refused) {
                    Throwable cause = refused.getCause() != null ? refused.getCause() : refused;
                    System.out.println(queue + " refused: " + cause.getMessage());
                }
            }
        }
    }
}
