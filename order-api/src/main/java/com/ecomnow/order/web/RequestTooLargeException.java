package com.ecomnow.order.web;

import java.io.IOException;

/** The request body is larger than {@link RequestSizeLimitFilter#MAX_BODY_BYTES}. */
public class RequestTooLargeException extends IOException {

    RequestTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
