package dev.bulwark.samples.petstore;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The petstore: a Spring Boot REST service whose security lives in {@code application.yml} under
 * {@code bulwark:}. The service itself checks nothing: the contract, the tokens and the deny rules
 * are enforced by Bulwark before a request reaches a controller.
 *
 * <pre>
 * java -jar petstore.jar [--server.port=8080]      runs the service
 * java -jar petstore.jar mint-token [options]      prints a demo token, see {@link MintToken}
 * </pre>
 */
@SpringBootApplication
public class PetstoreApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("mint-token")) {
            MintToken.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(PetstoreApplication.class, args);
    }
}
