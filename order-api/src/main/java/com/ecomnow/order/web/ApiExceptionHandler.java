package com.ecomnow.order.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.ecomnow.order.idempotency.IdempotencyConflictException;
import com.ecomnow.order.persistence.CommitOutcomeUnknownException;
import com.ecomnow.order.placement.OrderNotFoundException;
import com.ecomnow.order.placement.OrderOutcomeUnknownException;
import com.ecomnow.order.placement.UnknownSkuException;
import com.ecomnow.order.payment.PaymentDeclinedException;

import tools.jackson.core.JacksonException;

/**
 * Every error is an RFC 9457 {@code application/problem+json} document. Spring's base class covers the framework
 * errors (415, 405, ...); this adds the named fields of a validation error and the domain errors.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private static final String TYPE_BASE = "https://ecomnow.example/problems/";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldError)
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "The request has " + errors.size() + " invalid field(s)");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable tooLarge = ex.getMostSpecificCause();
        if (tooLarge instanceof RequestTooLargeException limit) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(limit));
        }
        String detail = "The request body is not valid JSON for an order";
        if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("");
            detail = "The field '" + field + "' has the wrong type or format";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", detail));
    }

    @ExceptionHandler({ ConstraintViolationException.class, MethodArgumentTypeMismatchException.class })
    ProblemDetail invalidParameter(Exception ex) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-request",
                "Invalid request", "Invalid request parameter(s)"));
    }

    @ExceptionHandler(UnknownSkuException.class)
    ProblemDetail unknownSku(UnknownSkuException ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown product",
                ex.getMessage());
        problem.setProperty("skus", ex.getSkus());
        return problem;
    }

    @ExceptionHandler(PaymentDeclinedException.class)
    ProblemDetail paymentDeclined(PaymentDeclinedException ex) {
        return problem(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined", ex.getMessage());
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ProblemDetail idempotencyConflict(IdempotencyConflictException ex) {
        return ex.isInProgress()
                ? problem(HttpStatus.CONFLICT, "idempotency-in-progress", "Request in progress", ex.getMessage())
                : problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
                        ex.getMessage());
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge(RequestTooLargeException ex) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", ex.getMessage());
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail orderNotFound(OrderNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", ex.getMessage());
    }

    /**
     * The database failed (unreachable, full, a failed commit that the check after it found had not taken effect):
     * nothing was stored, so the client may retry.
     */
    @ExceptionHandler({ DataAccessException.class, TransactionException.class, CommitOutcomeUnknownException.class })
    ResponseEntity<ProblemDetail> storageUnavailable(RuntimeException ex) {
        log.warn("Request failed in the database: {}", ex.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Storage unavailable",
                        "The order could not be stored and was not placed; retry with the same Idempotency-Key"));
    }

    /**
     * Storing failed and the database has not said since whether the commit happened: the order may exist. Its id
     * lets the client find out ({@code GET /orders/{id}}) instead of placing it again.
     */
    @ExceptionHandler(OrderOutcomeUnknownException.class)
    ResponseEntity<ProblemDetail> outcomeUnknown(OrderOutcomeUnknownException ex) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "order-outcome-unknown", "Order outcome unknown",
                "The database failed while storing the order and could not say since whether it was stored. Look it "
                        + "up with GET /orders/" + ex.orderId() + " once the service is available, or retry with the "
                        + "same Idempotency-Key");
        problem.setProperty("orderId", ex.orderId());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    private static Map<String, Object> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message",
                error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }
}
