package spike;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GwApp {
    public static void main(String[] args) { SpringApplication.run(GwApp.class, args); }
}
