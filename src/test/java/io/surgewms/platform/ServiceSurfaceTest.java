package io.surgewms.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What an operator and an integrator look at first: health, metrics, the API document. */
@QuarkusTest
class ServiceSurfaceTest {

    @Test
    void shall_be_ready_only_with_its_database_and_intake_writers() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("order-intake"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void shall_publish_the_api_document_and_swagger_ui() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/orders"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/orders/batch"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/inventory/receipts"));
        given().get("/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void shall_expose_intake_metrics_for_prometheus() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("surge_intake_queue_depth"));
    }
}
