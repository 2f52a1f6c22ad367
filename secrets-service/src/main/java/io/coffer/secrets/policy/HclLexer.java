package io.coffer.secrets.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits HCL (version 1, the dialect Vault parses policies with) into tokens. Line
 * comments ({@code #}, {@code //}) and block comments are dropped; strings keep
 * {@code ${...}} verbatim because Vault's HCL does not interpolate policy text.
 */
final class HclLexer {

	enum Kind {

		LBRACE, RBRACE, LBRACK, RBRACK, ASSIGN, COMMA, STRING, IDENT, NUMBER, EOF

	}

	record Token(Kind kind, String text, int line, int column) {
	}

	private final String source;

	private int position;

	private int line = 1;

	private int column = 1;

	HclLexer(String source) {
		this.source = source;
	}

	List<Token> tokens() {
		List<Token> tokens = new ArrayList<>();
		while (true) {
			skipBlankAndComments();
			if (atEnd()) {
				tokens.add(new Token(Kind.EOF, "end of input", this.line, this.column));
				return tokens;
			}
			tokens.add(next());
		}
	}

	private Token next() {
		int startLine = this.line;
		int startColumn = this.column;
		char c = peek(0);
		Kind single = switch (c) {
			case '{' -> Kind.LBRACE;
			case '}' -> Kind.RBRACE;
			case '[' -> Kind.LBRACK;
			case ']' -> Kind.RBRACK;
			case '=' -> Kind.ASSIGN;
			case ',' -> Kind.COMMA;
			default -> null;
		};
		if (single != null) {
			advance();
			return new Token(single, String.valueOf(c), startLine, startColumn);
		}
		if (c == '"') {
			return new Token(Kind.STRING, string(), startLine, startColumn);
		}
		if (c == '<' && peek(1) == '<') {
			return new Token(Kind.STRING, heredoc(), startLine, startColumn);
		}
		if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1)))) {
			return new Token(Kind.NUMBER, number(), startLine, startColumn);
		}
		if (Character.isLetter(c) || c == '_') {
			StringBuilder ident = new StringBuilder();
			while (!atEnd() && isIdentPart(peek(0))) {
				ident.append(advance());
			}
			return new Token(Kind.IDENT, ident.toString(), startLine, startColumn);
		}
		throw error("illegal character '" + c + "'");
	}

	private void skipBlankAndComments() {
		while (!atEnd()) {
			char c = peek(0);
			if (Character.isWhitespace(c)) {
				advance();
			}
			else if (c == '#' || (c == '/' && peek(1) == '/')) {
				while (!atEnd() && peek(0) != '\n') {
					advance();
				}
			}
			else if (c == '/' && peek(1) == '*') {
				int startLine = this.line;
				int startColumn = this.column;
				advance();
				advance();
				while (!(peek(0) == '*' && peek(1) == '/')) {
					if (atEnd()) {
						throw new HclSyntaxException(startLine, startColumn, "comment not terminated");
					}
					advance();
				}
				advance();
				advance();
			}
			else {
				return;
			}
		}
	}

	private String string() {
		int startLine = this.line;
		int startColumn = this.column;
		advance();
		StringBuilder out = new StringBuilder();
		while (true) {
			if (atEnd() || peek(0) == '\n') {
				throw new HclSyntaxException(startLine, startColumn, "string not terminated");
			}
			char c = advance();
			if (c == '"') {
				return out.toString();
			}
			if (c == '\\') {
				escape(out);
			}
			else if (c == '$' && peek(0) == '{') {
				interpolation(out, startLine, startColumn);
			}
			else {
				out.append(c);
			}
		}
	}

	private void escape(StringBuilder out) {
		if (atEnd()) {
			throw error("string not terminated");
		}
		char c = advance();
		switch (c) {
			case 'n' -> out.append('\n');
			case 't' -> out.append('\t');
			case 'r' -> out.append('\r');
			case '"', '\\', '/' -> out.append(c);
			case 'u' -> out.appendCodePoint(hex(4));
			case 'U' -> out.appendCodePoint(hex(8));
			default -> throw error("invalid escape sequence '\\" + c + "'");
		}
	}

	private int hex(int digits) {
		int value = 0;
		for (int i = 0; i < digits; i++) {
			int digit = atEnd() ? -1 : Character.digit(peek(0), 16);
			if (digit < 0) {
				throw error("invalid unicode escape");
			}
			advance();
			value = value * 16 + digit;
		}
		if (!Character.isValidCodePoint(value)) {
			throw error("invalid unicode escape");
		}
		return value;
	}

	/** Copies {@code ${...}} as written, braces and quotes inside included. */
	private void interpolation(StringBuilder out, int startLine, int startColumn) {
		out.append('$').append(advance());
		int depth = 1;
		boolean quoted = false;
		while (depth > 0) {
			if (atEnd() || peek(0) == '\n') {
				throw new HclSyntaxException(startLine, startColumn, "string not terminated");
			}
			char c = advance();
			out.append(c);
			if (quoted && c == '\\' && !atEnd()) {
				out.append(advance());
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '{') {
				depth++;
			}
			else if (!quoted && c == '}') {
				depth--;
			}
		}
	}

	private String heredoc() {
		int startLine = this.line;
		int startColumn = this.column;
		advance();
		advance();
		boolean indented = peek(0) == '-';
		if (indented) {
			advance();
		}
		StringBuilder marker = new StringBuilder();
		while (!atEnd() && isIdentPart(peek(0))) {
			marker.append(advance());
		}
		if (marker.isEmpty() || peek(0) != '\n') {
			throw error("heredoc needs an identifier followed by a new line");
		}
		advance();
		StringBuilder out = new StringBuilder();
		while (!atEnd()) {
			StringBuilder lineText = new StringBuilder();
			while (!atEnd() && peek(0) != '\n') {
				lineText.append(advance());
			}
			String candidate = indented ? lineText.toString().strip() : lineText.toString();
			if (candidate.contentEquals(marker)) {
				return out.toString();
			}
			out.append(lineText).append('\n');
			if (!atEnd()) {
				advance();
			}
		}
		throw new HclSyntaxException(startLine, startColumn, "heredoc not terminated");
	}

	private String number() {
		StringBuilder out = new StringBuilder();
		if (peek(0) == '-') {
			out.append(advance());
		}
		digits(out);
		if (peek(0) == '.' && Character.isDigit(peek(1))) {
			out.append(advance());
			digits(out);
		}
		if (peek(0) == 'e' || peek(0) == 'E') {
			out.append(advance());
			if (peek(0) == '+' || peek(0) == '-') {
				out.append(advance());
			}
			if (!Character.isDigit(peek(0))) {
				throw error("malformed number");
			}
			digits(out);
		}
		return out.toString();
	}

	private void digits(StringBuilder out) {
		while (!atEnd() && Character.isDigit(peek(0))) {
			out.append(advance());
		}
	}

	private static boolean isIdentPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
	}

	private boolean atEnd() {
		return this.position >= this.source.length();
	}

	private char peek(int ahead) {
		int at = this.position + ahead;
		return (at < this.source.length()) ? this.source.charAt(at) : '\0';
	}

	private char advance() {
		char c = this.source.charAt(this.position++);
		if (c == '\n') {
			this.line++;
			this.column = 1;
		}
		else {
			this.column++;
		}
		return c;
	}

	private HclSyntaxException error(String message) {
		return new HclSyntaxException(this.line, this.column, message);
	}

}
