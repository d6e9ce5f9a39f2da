import GRDB

extension AppDatabase {
    /// The schema, one migration per release; a migration is never edited once shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: staff, menu, orders, payments") { db in
            try db.execute(sql: """
                CREATE TABLE staff (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('barista', 'supervisor', 'admin')),
                    name TEXT NOT NULL,
                    alias TEXT NOT NULL,
                    registration TEXT UNIQUE,
                    nip TEXT UNIQUE,
                    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released', 'suspended')),
                    created_at TEXT NOT NULL
                );
                CREATE UNIQUE INDEX staff_alias ON staff(alias COLLATE NOCASE);

                CREATE TABLE menu_categories (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE TABLE modifier_groups (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    selection TEXT NOT NULL CHECK (selection IN ('single', 'multiple')),
                    required INTEGER NOT NULL,
                    default_option TEXT
                );
                CREATE TABLE modifier_options (
                    group_code TEXT NOT NULL REFERENCES modifier_groups(code) ON DELETE CASCADE,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    price_delta INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (group_code, code)
                );
                CREATE TABLE menu_items (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    category_code TEXT NOT NULL REFERENCES menu_categories(code),
                    price INTEGER NOT NULL CHECK (price > 0),
                    skill TEXT NOT NULL,
                    available INTEGER NOT NULL,
                    -- 0 once the item has left config/menu.toml: kept for the history, not sold.
                    listed INTEGER NOT NULL DEFAULT 1,
                    position INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE menu_item_modifiers (
                    item_code TEXT NOT NULL REFERENCES menu_items(code) ON DELETE CASCADE,
                    group_code TEXT NOT NULL REFERENCES modifier_groups(code),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (item_code, group_code)
                );

                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY,
                    day TEXT NOT NULL,                 -- the WITA day, YYYY-MM-DD
                    number INTEGER NOT NULL CHECK (number > 0),
                    created_at TEXT NOT NULL,          -- UTC
                    type TEXT NOT NULL CHECK (type IN ('dine-in', 'takeaway')),
                    note TEXT,
                    server_id INTEGER NOT NULL REFERENCES staff(id),
                    status TEXT NOT NULL DEFAULT 'paid' CHECK (status IN ('paid', 'void')),
                    subtotal INTEGER NOT NULL,
                    service_charge INTEGER NOT NULL,
                    tax INTEGER NOT NULL,
                    tax_included INTEGER NOT NULL,
                    rounding INTEGER NOT NULL,
                    total INTEGER NOT NULL CHECK (total >= 0),
                    UNIQUE (day, number)
                );
                CREATE INDEX orders_created_at ON orders(created_at);
                CREATE INDEX orders_server ON orders(server_id, day);

                CREATE TABLE order_lines (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    item_code TEXT NOT NULL,
                    item_name TEXT NOT NULL,
                    skill TEXT NOT NULL,
                    base_price INTEGER NOT NULL,
                    unit_price INTEGER NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
                    line_total INTEGER NOT NULL,
                    maker_id INTEGER NOT NULL REFERENCES staff(id),
                    UNIQUE (order_id, position)
                );
                CREATE INDEX order_lines_maker ON order_lines(maker_id);

                CREATE TABLE order_line_modifiers (
                    line_id INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    group_code TEXT NOT NULL,
                    group_name TEXT NOT NULL,
                    option_code TEXT NOT NULL,
                    option_name TEXT NOT NULL,
                    price_delta INTEGER NOT NULL,
                    PRIMARY KEY (line_id, position)
                );

                -- Lines the barista took off before payment: kept so the training record shows them.
                CREATE TABLE removed_lines (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                    item_code TEXT NOT NULL,
                    item_name TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    unit_price INTEGER NOT NULL
                );
                CREATE INDEX removed_lines_order ON removed_lines(order_id);

                CREATE TABLE payments (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('cash', 'qris')),
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    tendered INTEGER NOT NULL CHECK (tendered >= amount),
                    change INTEGER NOT NULL CHECK (change = tendered - amount),
                    reference TEXT,
                    UNIQUE (order_id, position)
                );
                CREATE INDEX payments_order ON payments(order_id);
                """)
        }
        migrator.registerMigration("v2: print queue") { db in
            try db.execute(sql: """
                -- Every receipt, bar ticket and reprint, kept until the printer confirms it printed.
                CREATE TABLE print_jobs (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER REFERENCES orders(id),
                    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'bar_ticket', 'receipt_copy', 'bar_ticket_copy')),
                    status TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sending', 'printed', 'failed', 'held', 'superseded')),
                    payload BLOB,              -- the bytes for the printer, fixed when first rendered
                    text TEXT,                 -- the same as text, for the screen
                    queue TEXT,                -- the CUPS queue it was sent to
                    cups_job_id INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at TEXT NOT NULL,  -- UTC; for a copy, the reprint time printed on it
                    updated_at TEXT NOT NULL,
                    printed_at TEXT
                );
                CREATE INDEX print_jobs_status ON print_jobs(status, id);
                CREATE INDEX print_jobs_order ON print_jobs(order_id);
                """)
        }
        return migrator
    }
}
