package com.ecomnow.inventory.stock;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InventoryController {

    private final StockLedger ledger;

    InventoryController(StockLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/inventory")
    List<StockView> all() {
        return ledger.all().stream().map(StockView::of).toList();
    }

    @GetMapping("/inventory/{sku}")
    StockView one(@PathVariable String sku) {
        return ledger.find(sku).map(StockView::of).orElseThrow(() -> new UnknownSkuException(sku));
    }

    /** What an order did to the stock, line by line. */
    @GetMapping("/inventory/movements")
    List<MovementView> movements(@RequestParam UUID orderId) {
        return ledger.movementsOf(orderId).stream().map(MovementView::of).toList();
    }

    @ExceptionHandler(UnknownSkuException.class)
    ProblemDetail unknownSku(UnknownSkuException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Unknown SKU");
        return problem;
    }

    record StockView(String sku, int available, int backordered, Instant updatedAt) {

        static StockView of(StockItem item) {
            return new StockView(item.getSku(), item.getAvailable(), item.getBackordered(), item.getUpdatedAt());
        }
    }

    record MovementView(UUID orderId, String sku, int quantity, StockMovement.Outcome outcome, Instant at) {

        static MovementView of(StockMovement movement) {
            return new MovementView(movement.orderId(), movement.sku(), movement.quantity(), movement.outcome(),
                    movement.createdAt());
        }
    }

    static class UnknownSkuException extends RuntimeException {

        UnknownSkuException(String sku) {
            super("The warehouse does not stock SKU " + sku);
        }
    }
}
