package io.surgewms.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every error the API returns is RFC 9457 problem+json naming the field and the reason. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return response(e.problem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath().toString()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return response(ProblemException.invalid(errors).problem());
    }

    /** Malformed JSON or a value of the wrong type: name the JSON path the parser stopped at. */
    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e) {
        if (e instanceof JsonParseException pe) {
            var loc = pe.getLocation();
            return response(Problem.invalid("Malformed JSON at line " + loc.getLineNr() + ", column " + loc.getColumnNr(),
                    List.of(new Problem.FieldError("$", "malformed JSON: " + pe.getOriginalMessage()))));
        }
        if (e instanceof JsonMappingException me) {
            String field = pathOf(me);
            String reason;
            if (me instanceof UnrecognizedPropertyException u) reason = "unknown field '" + u.getPropertyName() + "'";
            else if (me instanceof InvalidFormatException f) reason = "cannot read '" + f.getValue() + "' as " + f.getTargetType().getSimpleName();
            else reason = me.getOriginalMessage().split("\n")[0];
            return response(Problem.invalid(field + ": " + reason, List.of(new Problem.FieldError(field, reason))));
        }
        return response(Problem.invalid("Unreadable JSON", List.of(new Problem.FieldError("$", e.getOriginalMessage()))));
    }

    /** Outranks Quarkus' built-in mapper for this type, which answers plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // the JSON body reader wraps a parse error in a plain 400; answer it as the parse error it is
        if (status == 400 && e.getCause() instanceof JsonProcessingException jpe) return json(jpe);
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 415 -> "Unsupported content type: send application/json (bulk imports also take text/csv)";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 413 -> "Request body too large";
            default -> e.getMessage();
        };
        return response(Problem.of(status, title, detail));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        return response(Problem.of(500, "Internal error", "The server failed to handle the request; nothing was changed by it."));
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "$" : sb.toString();
    }

    /** "submit.arg0.lines[0].quantity" or "create.order.lines[0].quantity" -> "lines[0].quantity". */
    static String fieldOf(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
