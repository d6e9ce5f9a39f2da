import GRDB

/// v7: monthly figures kept as orders are written, so the monthly training report reads a few
/// hundred rows instead of every order line of six months.
///
/// `monthly_made` counts the items each WBP made per café month and skill (and those with a
/// modifier); `monthly_served` the orders each served per month and status, their total and the
/// lines taken off them. Triggers keep both in step with `orders`, `order_lines`,
/// `order_line_modifiers` and `removed_lines` inside the same transaction, whoever writes.
/// They are a cache of the orders, never a fact: `audit verify` checks them against the orders
/// it reads anyway, so a figure edited behind Kasir's back is found.
enum SchemaV7 {
    static let sql = """
        CREATE TABLE monthly_made (
            month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
            maker_id INTEGER NOT NULL REFERENCES staff(id),
            skill TEXT NOT NULL,
            items INTEGER NOT NULL DEFAULT 0,
            items_with_modifiers INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (month, maker_id, skill)
        ) WITHOUT ROWID;

        CREATE TABLE monthly_served (
            month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
            server_id INTEGER NOT NULL REFERENCES staff(id),
            status TEXT NOT NULL,
            orders INTEGER NOT NULL DEFAULT 0,
            total INTEGER NOT NULL DEFAULT 0,
            removed_lines INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (month, server_id, status)
        ) WITHOUT ROWID;

        -- A line counts for its maker in the month of its order (the order's café day).
        CREATE TRIGGER monthly_made_line AFTER INSERT ON order_lines BEGIN
            INSERT INTO monthly_made (month, maker_id, skill, items)
                SELECT substr(o.day, 1, 7), NEW.maker_id, NEW.skill, NEW.quantity FROM orders o WHERE o.id = NEW.order_id AND o.status != 'void'
                ON CONFLICT (month, maker_id, skill) DO UPDATE SET items = items + excluded.items;
        END;

        -- A line's first modifier makes its items items with a modifier.
        CREATE TRIGGER monthly_made_modifier AFTER INSERT ON order_line_modifiers
        WHEN NOT EXISTS (SELECT 1 FROM order_line_modifiers m WHERE m.line_id = NEW.line_id AND m.rowid != NEW.rowid) BEGIN
            UPDATE monthly_made SET items_with_modifiers = items_with_modifiers + (SELECT quantity FROM order_lines WHERE id = NEW.line_id)
            WHERE (month, maker_id, skill) = (
                SELECT substr(o.day, 1, 7), l.maker_id, l.skill FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE l.id = NEW.line_id AND o.status != 'void');
        END;

        CREATE TRIGGER monthly_served_order AFTER INSERT ON orders BEGIN
            INSERT INTO monthly_served (month, server_id, status, orders, total) VALUES (substr(NEW.day, 1, 7), NEW.server_id, NEW.status, 1, NEW.total)
                ON CONFLICT (month, server_id, status) DO UPDATE SET orders = orders + 1, total = total + excluded.total;
        END;

        CREATE TRIGGER monthly_served_removed AFTER INSERT ON removed_lines BEGIN
            UPDATE monthly_served SET removed_lines = removed_lines + 1
            WHERE (month, server_id, status) = (SELECT substr(day, 1, 7), server_id, status FROM orders WHERE id = NEW.order_id);
        END;

        -- A status change (paid to void or refunded) moves the order between rows; a void takes
        -- its items back from its makers.
        CREATE TRIGGER monthly_status AFTER UPDATE OF status ON orders WHEN OLD.status != NEW.status BEGIN
            UPDATE monthly_served SET orders = orders - 1, total = total - OLD.total,
                removed_lines = removed_lines - (SELECT COUNT(*) FROM removed_lines WHERE order_id = OLD.id)
            WHERE month = substr(OLD.day, 1, 7) AND server_id = OLD.server_id AND status = OLD.status;
            INSERT INTO monthly_served (month, server_id, status, orders, total, removed_lines)
                VALUES (substr(NEW.day, 1, 7), NEW.server_id, NEW.status, 1, NEW.total, (SELECT COUNT(*) FROM removed_lines WHERE order_id = NEW.id))
                ON CONFLICT (month, server_id, status) DO UPDATE SET orders = orders + 1, total = total + excluded.total,
                    removed_lines = removed_lines + excluded.removed_lines;
            UPDATE monthly_made SET items = monthly_made.items + x.sign * x.items,
                items_with_modifiers = monthly_made.items_with_modifiers + x.sign * x.modified
            FROM (SELECT CASE WHEN NEW.status = 'void' THEN -1 ELSE 1 END AS sign, l.maker_id, l.skill, SUM(l.quantity) AS items,
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM order_line_modifiers m WHERE m.line_id = l.id) THEN l.quantity ELSE 0 END) AS modified
                  FROM order_lines l WHERE l.order_id = NEW.id GROUP BY l.maker_id, l.skill) AS x
            WHERE (OLD.status = 'void') != (NEW.status = 'void') AND monthly_made.month = substr(NEW.day, 1, 7)
                AND monthly_made.maker_id = x.maker_id AND monthly_made.skill = x.skill;
        END;

        INSERT INTO monthly_made (month, maker_id, skill, items, items_with_modifiers)
            SELECT substr(o.day, 1, 7), l.maker_id, l.skill, SUM(l.quantity),
                SUM(CASE WHEN EXISTS (SELECT 1 FROM order_line_modifiers x WHERE x.line_id = l.id) THEN l.quantity ELSE 0 END)
            FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status != 'void' GROUP BY 1, 2, 3;
        INSERT INTO monthly_served (month, server_id, status, orders, total, removed_lines)
            SELECT substr(o.day, 1, 7), o.server_id, o.status, COUNT(*), SUM(o.total), SUM((SELECT COUNT(*) FROM removed_lines r WHERE r.order_id = o.id))
            FROM orders o GROUP BY 1, 2, 3;
        """
}
