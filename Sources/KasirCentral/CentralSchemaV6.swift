extension CentralSchema {
    /// Version 6: an order is held on one day. Orders are partitioned by business day and the
    /// projection replaces an order within the partition of the day its newest snapshot names,
    /// so an order re-sent with another day (which no café's code does: an order's day is set
    /// when it is made) used to stay in both days and count twice in its café's figures.
    ///
    /// `order_days` keeps each projected order's day, kept by a trigger on `orders` itself:
    /// an order deleted (replaced, rebuilt, set aside by an acceptance) leaves it, and one
    /// inserted while the café's order of that id is held on another day breaks its key.
    /// That is a `unique_violation` (SQLSTATE class 23), so the batch carrying it is refused
    /// as rows no café writes, kept as evidence with an alarm, and nothing of it is stored.
    static let orderDays: [String] = [
        """
        CREATE TABLE order_days (
            cafe text NOT NULL, id bigint NOT NULL, day date NOT NULL,
            PRIMARY KEY (cafe, id)
        );
        """,
        "REVOKE ALL ON order_days FROM PUBLIC;",
        // An order a café moved before this version is in two days: the later is kept here;
        // `rebuild` leaves one row, from its newest snapshot.
        "INSERT INTO order_days SELECT DISTINCT ON (cafe, id) cafe, id, day FROM orders ORDER BY cafe, id, day DESC;",
        """
        CREATE FUNCTION kasir_order_day() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    DELETE FROM public.order_days WHERE cafe = OLD.cafe AND id = OLD.id AND day = OLD.day;
                    RETURN OLD;
                END IF;
                IF EXISTS (SELECT 1 FROM public.order_days WHERE cafe = NEW.cafe AND id = NEW.id) THEN
                    RAISE EXCEPTION 'order % of % is held on another day than %', NEW.id, NEW.cafe, NEW.day
                        USING ERRCODE = 'unique_violation';
                END IF;
                INSERT INTO public.order_days VALUES (NEW.cafe, NEW.id, NEW.day);
                RETURN NEW;
            END;
        $$;
        """,
        "REVOKE ALL ON FUNCTION kasir_order_day() FROM PUBLIC;",
        """
        CREATE TRIGGER orders_held_on_one_day AFTER INSERT OR DELETE ON orders
            FOR EACH ROW EXECUTE FUNCTION kasir_order_day();
        """,
    ]
}
