package io.surgewms.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while no intake writer runs: orders would queue and never be answered. */
@Readiness
@ApplicationScoped
public class IntakeReadiness implements HealthCheck {

    @Inject OrderIntake intake;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("order-intake")
                .status(intake.writersAlive() > 0)
                .withData("writers", intake.writersAlive())
                .withData("queued", intake.queued())
                .build();
    }
}
