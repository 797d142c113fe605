package com.ecomnow.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.ecomnow.order.idempotency.IdempotentRequests;
import com.ecomnow.order.web.CorrelationIdFilter;

/**
 * The web layer alone (controller, validation, filters, error handler): every request it rejects is answered with
 * problem+json and never reaches the service, so nothing is charged, stored or published. Rejections decided by
 * the service (unknown SKU, declined payment) are in OrderPlacementTest, against the real database.
 */
@WebMvcTest(OrderController.class)
class RejectedRequestsTest {

    private static final String VALID = """
            {"customerEmail":"jane@example.com","paymentToken":"tok_visa",
             "items":[{"sku":"BOOK-001","quantity":2},{"sku":"PEN-001","quantity":1}]}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrderService orderService;

    @MockitoBean
    IdempotentRequests idempotentRequests;

    @MockitoBean
    OrderRepository orders;

    @AfterEach
    void nothingReachedTheService() {
        verifyNoInteractions(orderService, idempotentRequests, orders);
    }

    static Stream<Arguments> rejectedRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"customerEmail\":", 400, "Malformed request"),
                Arguments.of("wrong type", VALID.replace("\"quantity\":2", "\"quantity\":\"two\""), 400,
                        "items[0].quantity"),
                Arguments.of("empty body", "", 400, "Malformed request"),
                Arguments.of("missing fields", "{}", 400, "customerEmail"),
                Arguments.of("no items", VALID.replaceAll("\"items\":\\[.*\\]", "\"items\":[]"), 400, "items"),
                Arguments.of("zero quantity", VALID.replace("\"quantity\":2", "\"quantity\":0"), 400,
                        "items[0].quantity"),
                Arguments.of("negative quantity", VALID.replace("\"quantity\":2", "\"quantity\":-3"), 400,
                        "items[0].quantity"),
                Arguments.of("quantity over 100", VALID.replace("\"quantity\":2", "\"quantity\":101"), 400,
                        "items[0].quantity"),
                Arguments.of("huge quantity", VALID.replace("\"quantity\":2", "\"quantity\":99999999999"), 400,
                        "items[0].quantity"),
                Arguments.of("more than 50 lines", tooManyLines(), 400, "items"),
                Arguments.of("invalid email", VALID.replace("jane@example.com", "not-an-email"), 400,
                        "customerEmail"),
                Arguments.of("missing payment token", VALID.replace("\"paymentToken\":\"tok_visa\",", ""), 400,
                        "paymentToken"),
                Arguments.of("body over 1 MiB", oversized(), 413, "larger than"),
                Arguments.of("not an object", "[1,2,3]", 400, "Malformed request"),
                Arguments.of("null item", VALID.replaceAll("\"items\":\\[.*\\]", "\"items\":[null]"), 400,
                        "items[0]"));
    }

    private static String tooManyLines() {
        String lines = String.join(",", IntStream.range(0, 51)
                .mapToObj(i -> "{\"sku\":\"BOOK-001\",\"quantity\":1}").toList());
        return VALID.replaceAll("\"items\":\\[.*\\]", "\"items\":[" + lines + "]");
    }

    private static String oversized() {
        return VALID.replace("\"paymentToken\"", "\"padding\":\"" + "x".repeat(1024 * 1024) + "\",\"paymentToken\"");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rejectedRequests")
    void aRejectedRequestIsProblemJsonAndNeverReachesTheService(String name, String body, int status,
            String mentioned) throws Exception {
        String problem = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(problem).contains(mentioned);
    }

    /** Without a Content-Length the size limit is enforced while the body is read. */
    @Test
    void aChunkedBodyOverTheLimitIs413WhileItIsRead() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(oversized()).with(chunked()))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("larger than")));
    }

    @Test
    void aWrongContentTypeIs415ProblemJson() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.TEXT_PLAIN).content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aSafeCorrelationIdIsEchoedAndAnUnsafeOneReplaced() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{}")
                .header(CorrelationIdFilter.HEADER, "trace-abc-123"))
                .andExpect(header().string(CorrelationIdFilter.HEADER, "trace-abc-123"));
        String replaced = mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{}")
                .header(CorrelationIdFilter.HEADER, "<script>alert(1)</script>"))
                .andReturn().getResponse().getHeader(CorrelationIdFilter.HEADER);
        assertThat(replaced).matches("[0-9a-f-]{36}");
    }

    /** The request as a chunked upload arrives: the same body, but no Content-Length. */
    private static RequestPostProcessor chunked() {
        return request -> {
            MockHttpServletRequest chunked = new MockHttpServletRequest(request.getServletContext(),
                    request.getMethod(), request.getRequestURI()) {

                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
            chunked.setContent(request.getContentAsByteArray());
            chunked.setContentType(request.getContentType());
            chunked.addHeader("Content-Type", request.getContentType());
            chunked.addHeader("Transfer-Encoding", "chunked");
            return chunked;
        };
    }
}
