package com.ecomnow.email.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Local mode, used when {@code spring.mail.host} is not set: nothing leaves the machine. The rendered message
 * is already stored by {@link ConfirmationMailer}, so it can be read back through {@code GET /emails}.
 */
@Component
@ConditionalOnExpression("'${spring.mail.host:}'.isBlank()")
class LocalMailSender implements MailSender {

    private static final Logger log = LoggerFactory.getLogger(LocalMailSender.class);

    @Override
    public void send(SimpleMailMessage... messages) {
        for (SimpleMailMessage message : messages) {
            log.debug("Local mail mode: stored '{}' for {}, not sent", message.getSubject(), message.getTo());
        }
    }
}
