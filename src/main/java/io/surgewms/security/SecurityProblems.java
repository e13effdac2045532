package io.surgewms.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 and 403 as problem+json, like every other error of the API. */
public class SecurityProblems {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge("Sign in, or send an API key (Authorization: Bearer sk_...)");
    }

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e) {
        return challenge(e.getMessage() == null ? "Sign in again" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemMappers.response(Problem.of(403, "Forbidden",
                e.getMessage() == null || e.getMessage().isBlank() ? "Your role does not allow this" : e.getMessage()));
    }

    private static Response challenge(String detail) {
        return Response.fromResponse(ProblemMappers.response(Problem.of(401, "Unauthorized", detail)))
                .header("WWW-Authenticate", "Bearer realm=\"surge\"").build();
    }
}
