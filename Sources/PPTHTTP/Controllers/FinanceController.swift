import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PPTDomain
import PPTStorage

/// Invoices, payments and unit balances under `/api/v1/orgs/{orgID}`.
package struct FinanceController: Sendable {
    private let finance: FinanceRepository

    package init(finance: FinanceRepository) { self.finance = finance }

    /// Registers the routes on the organization-scoped group (`/api/v1/orgs/{orgID}`).
    package func addRoutes(to org: RouterGroup<AppRequestContext>) {
        org.get("invoices", use: listInvoices)
        org.post("invoices", use: createInvoice)
        org.get("invoices/:invoiceID", use: getInvoice)
        org.post("invoices/:invoiceID/cancel", use: cancelInvoice)
        org.get("payments", use: listPayments)
        org.post("payments", use: recordPayment)
        org.get("balances", use: listBalances)
        org.get("units/:unitID/balance", use: getBalance)
    }

    @Sendable func listInvoices(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<Invoice>>
    {
        let filter = InvoiceFilter(
            unitID: try request.query("unitID") { UnitID($0) },
            status: try request.query("status", as: InvoiceStatus.self),
            overdue: try request.query("overdue") { Bool($0) })
        return JSONResponse(try await finance.invoices(
            try context.requireScope(), filter: filter, page: try request.pageRequest()))
    }

    @Sendable func createInvoice(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Invoice>
    {
        let input = try await request.decode(as: InvoiceInput.self, context: context)
        return JSONResponse(try await finance.createInvoice(try context.requireScope(), input), status: .created)
    }

    @Sendable func getInvoice(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Invoice> {
        JSONResponse(try await finance.invoice(
            try context.requireScope(), id: try context.id("invoiceID", resource: "invoice")))
    }

    @Sendable func cancelInvoice(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Invoice>
    {
        JSONResponse(try await finance.cancelInvoice(
            try context.requireScope(), id: try context.id("invoiceID", resource: "invoice")))
    }

    @Sendable func listPayments(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Page<Payment>>
    {
        let unitID = try request.query("unitID") { UnitID($0) }
        let invoiceID = try request.query("invoiceID") { InvoiceID($0) }
        return JSONResponse(try await finance.payments(
            try context.requireScope(), unitID: unitID, invoiceID: invoiceID, page: try request.pageRequest()))
    }

    @Sendable func recordPayment(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<Payment>
    {
        let input = try await request.decode(as: PaymentInput.self, context: context)
        return JSONResponse(try await finance.recordPayment(try context.requireScope(), input), status: .created)
    }

    @Sendable func listBalances(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<[UnitBalance]>
    {
        let buildingID = try request.query("buildingID") { BuildingID($0) }
        return JSONResponse(try await finance.balances(try context.requireScope(), buildingID: buildingID))
    }

    @Sendable func getBalance(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<UnitBalance>
    {
        JSONResponse(try await finance.balance(
            try context.requireScope(), unitID: try context.id("unitID", resource: "unit")))
    }
}
