package io.coffer.secrets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SecretsServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SecretsServiceApplication.class, args);
	}

}
