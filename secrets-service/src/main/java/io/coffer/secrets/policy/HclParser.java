package io.coffer.secrets.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.policy.HclLexer.Kind;
import io.coffer.secrets.policy.HclLexer.Token;

/**
 * A strict reader for the HCL that policies are written in: items {@code key = value} and
 * blocks {@code key "label" { ... }}; values are strings, numbers, booleans, lists and
 * objects. Anything else is an error naming its line: a policy that parses only in part
 * could silently lose a {@code deny}.
 */
final class HclParser {

	/** One item of a body; repeated keys stay separate items, in order. */
	record Item(List<String> keys, Object value, int line) {
	}

	/** A body or object: its items in source order. */
	record Body(List<Item> items) {

		/**
		 * The body as a map, for attribute-only objects such as a path's body.
		 * @throws HclSyntaxException on a labelled block or a repeated key
		 */
		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Item item : this.items) {
				if (item.keys().size() > 1) {
					throw new HclSyntaxException(item.line(), 1,
							"unexpected label after \"" + item.keys().get(0) + "\"");
				}
				Object value = (item.value() instanceof Body body) ? body.toMap() : item.value();
				if (map.put(item.keys().get(0), value) != null) {
					throw new HclSyntaxException(item.line(), 1, "duplicate key \"" + item.keys().get(0) + "\"");
				}
			}
			return map;
		}

	}

	/**
	 * Deepest nesting of blocks, objects and lists; a policy needs a handful. Without a
	 * bound, 20,000 nested {@code [} overflow the thread's stack.
	 */
	static final int MAX_NESTING = 100;

	private final List<Token> tokens;

	private int position;

	private int depth;

	private HclParser(String source) {
		this.tokens = new HclLexer(source).tokens();
	}

	static Body parse(String source) {
		HclParser parser = new HclParser(source);
		Body body = parser.body();
		parser.expect(Kind.EOF, "end of input");
		return body;
	}

	private Body body() {
		List<Item> items = new ArrayList<>();
		while (peek().kind() == Kind.IDENT || peek().kind() == Kind.STRING) {
			items.add(item());
			if (peek().kind() == Kind.COMMA) {
				next();
			}
		}
		return new Body(items);
	}

	private Item item() {
		int line = peek().line();
		List<String> keys = new ArrayList<>();
		while (peek().kind() == Kind.IDENT || peek().kind() == Kind.STRING) {
			keys.add(next().text());
		}
		Token token = next();
		if (token.kind() == Kind.ASSIGN) {
			if (keys.size() > 1) {
				throw error(token, "expected \"{\" after block label");
			}
			return new Item(keys, value(), line);
		}
		if (token.kind() == Kind.LBRACE) {
			return new Item(keys, objectRest(), line);
		}
		throw error(token, "expected \"=\" or \"{\" after \"" + keys.get(keys.size() - 1) + "\"");
	}

	private Object value() {
		Token token = next();
		return switch (token.kind()) {
			case STRING -> token.text();
			case NUMBER -> new BigDecimal(token.text());
			case LBRACK -> listRest();
			case LBRACE -> objectRest();
			case IDENT -> switch (token.text()) {
				case "true" -> Boolean.TRUE;
				case "false" -> Boolean.FALSE;
				default -> throw error(token, "unknown value " + token.text() + " (strings must be quoted)");
			};
			default -> throw error(token, "expected a value");
		};
	}

	private List<Object> listRest() {
		enter();
		List<Object> list = new ArrayList<>();
		while (peek().kind() != Kind.RBRACK) {
			list.add(value());
			Token separator = peek();
			if (separator.kind() == Kind.COMMA) {
				next();
			}
			else if (separator.kind() != Kind.RBRACK) {
				throw error(separator, "expected \",\" or \"]\" in list");
			}
		}
		next();
		this.depth--;
		return list;
	}

	private Body objectRest() {
		enter();
		Body body = body();
		expect(Kind.RBRACE, "\"}\"");
		this.depth--;
		return body;
	}

	private void enter() {
		if (++this.depth > MAX_NESTING) {
			Token token = this.tokens.get(this.position - 1);
			throw new HclSyntaxException(token.line(), token.column(), "nested deeper than " + MAX_NESTING + " levels");
		}
	}

	private void expect(Kind kind, String description) {
		Token token = next();
		if (token.kind() != kind) {
			throw error(token, "expected " + description);
		}
	}

	private Token peek() {
		return this.tokens.get(this.position);
	}

	private Token next() {
		Token token = this.tokens.get(this.position);
		if (token.kind() != Kind.EOF) {
			this.position++;
		}
		return token;
	}

	private static HclSyntaxException error(Token token, String message) {
		String found = (token.kind() == Kind.EOF) ? "end of input" : "\"" + token.text() + "\"";
		return new HclSyntaxException(token.line(), token.column(), message + ", found " + found);
	}

}
